import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultActor } from '../host/default-actor.ts';
import { openCore } from '../host/open-core.ts';
import { allCommands } from './commands/index.ts';
import { runCli } from './run-cli.ts';

// better-sqlite3 13 crashes (not fails) on older Node: say so plainly before opening anything.
const [nodeMajor = 0, nodeMinor = 0] = process.versions.node.split('.').map(Number);
if (nodeMajor < 22 || (nodeMajor === 22 && nodeMinor < 12)) {
  process.stderr.write(`vigil: Vigil needs Node.js 22.12 or newer; this is Node.js ${process.versions.node}.\n`);
  process.exit(2);
}

// Bundled to dist/electron/cli.cjs: the app root (templates/, dist/renderer) is two levels up.
const appRoot = join(import.meta.dirname, '..', '..');
const version = (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;

const waitForStop = () =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

runCli(process.argv.slice(2), {
  io: {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  },
  commands: allCommands({ staticDir: join(appRoot, 'dist', 'renderer'), waitForStop, layout: { appRoot, version }, version }),
  openCore: (dbPath, options) => openCore(dbPath, { appRoot, version }, options),
  actor: defaultActor(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`vigil: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
