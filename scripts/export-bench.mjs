// `npm run bench`, export part: bundles test/bench/export-bench.ts (it imports the TypeScript
// core and the test fixtures) and runs it; it spawns its own child processes per measurement.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleTs, root } from './bundle-ts.mjs';

mkdirSync(join(root, 'dist', 'bench'), { recursive: true });
const out = await bundleTs(join(root, 'test', 'bench', 'export-bench.ts'), join(root, 'dist', 'bench', 'export-bench.mjs'));
const result = spawnSync(process.execPath, [out], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
