import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** The only place a window is made; every window gets the same locked-down preferences. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
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
    webPreferences: secureWebPreferences(deps.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(url).catch((error: unknown) => {
    process.stderr.write(`vigil: the window could not load ${url}: ${String(error)}\n`);
  });
  return window;
}
