import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, utilityProcess } from 'electron';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseFileName, defaultDataDir } from '../host/data-dir.ts';
import { defaultActor } from '../host/default-actor.ts';
import { prepareIdentity } from './identity-keeper.ts';
import { registerDesktop } from './register-desktop.ts';

// `--db PATH` opens another database (the smoke tests use it); by default the app-data folder.
const { values } = parseArgs({ args: process.argv.slice(1), options: { db: { type: 'string' } }, strict: false });
const dataDir = defaultDataDir();
const dbPath = typeof values.db === 'string' ? values.db : join(dataDir, databaseFileName);

registerDesktop({
  app,
  BrowserWindow,
  protocol,
  session,
  ipcMain,
  utilityProcess,
  dialog,
  actor: defaultActor(),
  identity: () => prepareIdentity({ safeStorage, platform: process.platform, dbPath, now: () => new Date() }),
  paths: {
    preload: join(import.meta.dirname, 'preload.cjs'),
    coreHost: join(import.meta.dirname, 'core-host.cjs'),
    rendererDir: join(import.meta.dirname, '..', 'renderer'),
    dataDir,
    dbPath,
  },
});
