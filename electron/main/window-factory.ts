import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The only place a window is made; every window gets the same locked-down preferences.
 * DevTools only in a development run: in a packaged build they would let anyone at the
 * keyboard call the core as the signed-in person and read what the page holds.
 */
export function secureWebPreferences(preloadPath: string, packaged: boolean): WebPreferences {
  return {
    preload: preloadPath,
    devTools: !packaged,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

export interface WindowFactoryDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowType;
  preloadPath: string;
  /** `app.isPackaged`: a packaged build has no DevTools. */
  packaged: boolean;
}

export function createMainWindow(deps: WindowFactoryDeps, url: string): BrowserWindowType {
  const window = new deps.BrowserWindow({
    width: 1360,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Vigil',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(deps.preloadPath, deps.packaged),
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(url).catch((error: unknown) => {
    process.stderr.write(`vigil: the window could not load ${url}: ${String(error)}\n`);
  });
  return window;
}
