// Bundles test/bench/run-bench.ts (it imports the TypeScript core and its SQL) and runs it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { rawSql } from './raw-sql-plugin.mjs';

const root = join(import.meta.dirname, '..');
// Inside the checkout so the bundle resolves better-sqlite3 from node_modules.
const out = join(root, 'dist', 'bench', 'bench.mjs');
await build({
  entryPoints: [join(root, 'test', 'bench', 'run-bench.ts')],
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
const result = spawnSync(process.execPath, [out], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
