// `npm run bench`, Chromium part: bundles test/bench/chromium-bench.ts (it builds or reuses the
// cached risk databases through the TypeScript core) and runs it against the built app.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleTs, root } from './bundle-ts.mjs';

mkdirSync(join(root, 'dist', 'bench'), { recursive: true });
const out = await bundleTs(join(root, 'test', 'bench', 'chromium-bench.ts'), join(root, 'dist', 'bench', 'chromium-bench.mjs'));
const result = spawnSync(process.execPath, [out], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
