// `npm run bench`, load part: bundles test/bench/load-bench.ts (it imports the TypeScript core,
// the team server and the test clients) and runs it. It starts its own PostgreSQL.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleTs, root } from './bundle-ts.mjs';

mkdirSync(join(root, 'dist', 'bench'), { recursive: true });
const out = await bundleTs(join(root, 'test', 'bench', 'load-bench.ts'), join(root, 'dist', 'bench', 'load-bench.mjs'));
const result = spawnSync(process.execPath, [out], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
