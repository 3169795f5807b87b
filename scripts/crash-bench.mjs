// `npm run bench`, part 2: the crash-safety bench. Bundles test/crash/run-crash-bench.ts and
// runs it: 200 SIGKILLs of a worker running commands, a check of the database after each, then
// a summary. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleTs, root } from './bundle-ts.mjs';

mkdirSync(join(root, 'dist', 'crash'), { recursive: true });
const out = await bundleTs(join(root, 'test', 'crash', 'run-crash-bench.ts'), join(root, 'dist', 'crash', 'crash-bench.mjs'));
const result = spawnSync(process.execPath, [out], { stdio: 'inherit', cwd: root, env: { ...process.env, CRASH_ROOT: root } });
process.exit(result.status ?? 1);
