// `npm start`: the desktop app when Electron's binary is present; otherwise (its download is
// often blocked behind hospital proxies) one plain sentence and browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, root } from './ensure-built.mjs';

const electronDir = join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function tryDownload() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || !existsSync(join(electronDir, 'install.js'))) return;
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
}

ensureBuilt({ renderer: true });
let binary = electronBinary();
if (!binary) {
  tryDownload();
  binary = electronBinary();
}

const args = process.argv.slice(2);
const child = binary
  ? spawn(binary, [root, ...args], { stdio: 'inherit' })
  : (process.stdout.write(
      'The Electron desktop shell is not installed on this machine (its download was blocked), so Vigil is starting in browser mode instead.\n',
    ),
    spawn(process.execPath, [join(root, 'dist', 'electron', 'cli.cjs'), 'serve', ...args], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
