// `npm run vigil -- ARGS` in a checkout: build if needed, then run the real CLI binary.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, root } from './ensure-built.mjs';

const args = process.argv.slice(2);
ensureBuilt({ renderer: args[0] === 'serve' });
const child = spawn(process.execPath, [join(root, 'dist', 'electron', 'cli.cjs'), ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
