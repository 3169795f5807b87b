// Entry of the utility process that owns the database. No Electron import: it talks to the
// main process through `process.parentPort`, which Electron gives utility processes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fail } from '../../contract/index.ts';
import type { Core } from '../../core/create-core.ts';
import { DomainError } from '../../core/domain-error.ts';
import { openCore } from '../../host/open-core.ts';
import { handedKeyVault } from '../../core/exchange/key-file-vault.ts';
import type { CoreInit, CoreRequest, CoreResponse } from './core-host-protocol.ts';

interface ParentPort {
  on(event: 'message', listener: (event: { data: CoreRequest | CoreInit }) => void): void;
  postMessage(message: CoreResponse): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('core-host must run in an Electron utility process');

const { values } = parseArgs({ options: { db: { type: 'string' } }, strict: false });
const appRoot = join(import.meta.dirname, '..', '..');
const version = (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;

let core: Core | null = null;
let openError: ReturnType<typeof fail> | null = null;

/** Opens the core once the main process has handed over the workspace key (its first message). */
function open(init: CoreInit['init']) {
  try {
    const keyVault = init.identity ? handedKeyVault(init.identity) : undefined;
    core = openCore(String(values.db), { appRoot, version }, { dailyBackup: true, scheduledSweep: true, ...(keyVault ? { keyVault } : {}) });
  } catch (error) {
    openError =
      error instanceof DomainError
        ? { ok: false, error: error.toValue() }
        : fail('INTERNAL', `Vigil could not open its database: ${(error as Error).message}`);
  }
}

parentPort.on('message', ({ data }) => {
  if ('init' in data) {
    if (!core && !openError) open(data.init);
    return;
  }
  const reply = (result: CoreResponse['result']) => parentPort.postMessage({ id: data.id, result });
  if (!core) {
    reply(openError ?? fail('INTERNAL', 'The Vigil core is not available.'));
    return;
  }
  void core.dispatch(data.method, data.input, { actor: data.actor }).then(reply);
});

process.on('exit', () => core?.close());
