// Crash-safety bench: bundles test/crash/run-crash-bench.ts (it imports the TypeScript core, the
// checker and the kill loop) the way scripts/bench.mjs bundles the bench, and runs it: 200
// SIGKILLs of a worker running commands, a check of the database after each, then a summary.
// Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { rawSql } from './raw-sql-plugin.mjs';

const root = join(import.meta.dirname, '..');
// Inside the checkout so the bundle resolves better-sqlite3 and esbuild from node_modules.
const out = join(root, 'dist', 'crash', 'crash-bench.mjs');
await build({
  entryPoints: [join(root, 'test', 'crash', 'run-crash-bench.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  plugins: [rawSql],
  logLevel: 'warning',
  define: { 'import.meta.dirname': JSON.stringify(join(root, 'test', 'support')) },
});
const result = spawnSync(process.execPath, [out], { stdio: 'inherit', cwd: root, env: { ...process.env, CRASH_ROOT: root } });
process.exit(result.status ?? 1);
