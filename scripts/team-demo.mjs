// `npm run team:demo [-- --json]`: builds what is out of date, then runs the team demo
// (dist/electron/team-demo.mjs): a local PostgreSQL, a team server on https://127.0.0.1 with a
// self-signed certificate, the demo portfolio and its people's accounts.
//
// The demo runs in a process group of its own and Ctrl+C reaches it as a message: the
// terminal's SIGINT would otherwise hit PostgreSQL (its child) at the same moment, mid-query,
// instead of after the server has closed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, root } from './ensure-built.mjs';

ensureBuilt({ renderer: true });
const child = spawn(process.execPath, [join(root, 'dist', 'electron', 'team-demo.mjs'), ...process.argv.slice(2)], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  detached: process.platform !== 'win32',
});
let stopping = false;
const stop = () => {
  if (stopping || !child.connected) return;
  stopping = true;
  child.send('stop');
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
