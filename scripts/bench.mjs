// `npm run bench`, part 1: bundles test/bench/run-bench.ts (it imports the TypeScript core and
// its SQL) and runs it.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleTs, root } from './bundle-ts.mjs';

mkdirSync(join(root, 'dist', 'bench'), { recursive: true });
const out = await bundleTs(join(root, 'test', 'bench', 'run-bench.ts'), join(root, 'dist', 'bench', 'bench.mjs'));
const result = spawnSync(process.execPath, [out], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
