// Rebuilds only what is out of date, so `npm run vigil` and `npm start` work straight after a
// checkout or an edit without a separate build step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`Vigil needs Node.js 22.12 or newer (see .nvmrc); this is Node.js ${process.versions.node}.\n`);
  process.exit(1);
}

function newestMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function stale(output, inputs) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return inputs.some((input) => existsSync(input) && newestMtime(input) > built);
}

function run(script) {
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], {
    cwd: root,
    stdio: ['ignore', process.stderr, 'inherit'],
  });
  if (result.status !== 0) {
    process.stderr.write(`vigil: "npm run ${script}" failed; see the messages above.\n`);
    process.exit(result.status ?? 1);
  }
}

export function ensureBuilt({ renderer }) {
  const shared = [join(root, 'electron'), join(root, 'package.json')];
  if (stale(join(root, 'dist', 'electron', 'cli.cjs'), shared)) run('build:electron');
  if (renderer && stale(join(root, 'dist', 'renderer', 'index.html'), [join(root, 'renderer'), join(root, 'electron', 'contract'), join(root, 'vite.config.ts')])) {
    run('build:renderer');
  }
}
