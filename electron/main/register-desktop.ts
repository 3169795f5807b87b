import type * as Electron from 'electron';
import { contentSecurityPolicy } from '../contract/index.ts';
import { registerAppScheme, serveAppProtocol } from './app-protocol.ts';
import { connectCoreHost, type CoreHostClient } from './core-host-client.ts';
import { saveDownloadsWithDialog } from './download-saver.ts';
import { registerIpcBridge, registerTeamServerBridge } from './ipc-bridge.ts';
import { teamConnectionStore } from './team-connection-store.ts';
import { createTeamRouter } from './team-router.ts';
import { lockSession, lockWebContents } from './web-contents-locks.ts';
import { createMainWindow } from './window-factory.ts';
import type { CoreInit, HandedIdentity } from './utility/core-host-protocol.ts';

/** The parts of Electron the shell uses, injected so the shell is testable without Electron. */
export interface DesktopDeps {
  app: Pick<Electron.App, 'whenReady' | 'on' | 'quit' | 'requestSingleInstanceLock' | 'setPath' | 'isPackaged'>;
  BrowserWindow: typeof Electron.BrowserWindow;
  protocol: Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  session: { defaultSession: Electron.Session };
  ipcMain: Pick<Electron.IpcMain, 'handle'>;
  utilityProcess: Pick<typeof Electron.utilityProcess, 'fork'>;
  dialog: Pick<Electron.Dialog, 'showSaveDialogSync'>;
  paths: {
    preload: string;
    coreHost: string;
    rendererDir: string;
    dataDir: string;
    dbPath: string;
  };
  actor: string;
  /** The workspace key from safeStorage (see identity-keeper.ts); without it the core uses the key file. */
  identity?: () => Promise<HandedIdentity>;
}

export const startUrl = 'app://vigil/index.html';

/**
 * Wires the desktop shell: app:// protocol, session and navigation locks, the core in a
 * utility process, the IPC bridge (to that core or to a chosen team server) and the main window.
 */
export function registerDesktop(deps: DesktopDeps): { ready: Promise<void> } {
  const { app, protocol, session, ipcMain, utilityProcess, paths } = deps;

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { ready: Promise.resolve() };
  }
  app.setPath('userData', paths.dataDir);
  registerAppScheme(protocol as Electron.Protocol);

  app.on('web-contents-created', (_event, contents) => lockWebContents(contents));

  let core: CoreHostClient | null = null;
  let window: Electron.BrowserWindow | null = null;

  const ready = app.whenReady().then(async () => {
    lockSession(session.defaultSession, contentSecurityPolicy);
    saveDownloadsWithDialog(session.defaultSession, deps.dialog, (contents) => deps.BrowserWindow.fromWebContents(contents));
    serveAppProtocol(protocol as Electron.Protocol, paths.rendererDir, contentSecurityPolicy);
    // safeStorage lives in the main process: the key is unlocked here and handed over as the
    // core process's first message (never on its command line, where other processes could read it).
    const identity = deps.identity ? await deps.identity() : null;
    const child = utilityProcess.fork(paths.coreHost, ['--db', paths.dbPath], { serviceName: 'Vigil core', stdio: 'inherit' });
    const init: CoreInit = { id: 0, init: { identity } };
    child.postMessage(init);
    const client = connectCoreHost(child, deps.actor);
    core = client;
    // Calls go to this core, or to the team server the person chose in Settings (team-router.ts).
    const router = createTeamRouter({ store: teamConnectionStore(paths.dataDir), local: (method, input) => client.call(method, input), actor: deps.actor, now: () => new Date() });
    registerIpcBridge(ipcMain as Electron.IpcMain, router.forward);
    registerTeamServerBridge(ipcMain as Electron.IpcMain, router.handle);
    window = createMainWindow({ BrowserWindow: deps.BrowserWindow, preloadPath: paths.preload, packaged: app.isPackaged }, startUrl);
  });

  app.on('second-instance', () => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core?.stop());

  return { ready };
}
