import type { BrowserWindowConstructorOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerDesktop, startUrl, type DesktopDeps } from '../../../electron/main/register-desktop.ts';
import { createMainWindow, secureWebPreferences, type WindowFactoryDeps } from '../../../electron/main/window-factory.ts';

// The main-process modules only import Electron's types; this guard makes any runtime import
// of the real package (which would try to download the binary) fail loudly instead.
vi.mock('electron', () => ({}));

type Listener = (...args: unknown[]) => void;

/** Records what the factory does with a window, without Electron. */
class FakeBrowserWindow {
  static instances: FakeBrowserWindow[] = [];
  readonly options: BrowserWindowConstructorOptions;
  readonly onceListeners = new Map<string, Listener>();
  readonly loadedUrls: string[] = [];
  shown = 0;

  constructor(options: BrowserWindowConstructorOptions) {
    this.options = options;
    FakeBrowserWindow.instances.push(this);
  }
  once(event: string, listener: Listener): this {
    this.onceListeners.set(event, listener);
    return this;
  }
  on(): this {
    return this;
  }
  show(): void {
    this.shown += 1;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return false;
  }
  emitOnce(event: string): void {
    const listener = this.onceListeners.get(event);
    this.onceListeners.delete(event);
    listener?.();
  }
}

const asBrowserWindowClass = () => FakeBrowserWindow as unknown as WindowFactoryDeps['BrowserWindow'];

afterEach(() => {
  FakeBrowserWindow.instances = [];
});

function makeWindow(preloadPath = '/opt/vigil/dist/electron/preload.cjs', packaged = true): FakeBrowserWindow {
  createMainWindow({ BrowserWindow: asBrowserWindowClass(), preloadPath, packaged }, 'app://vigil/index.html');
  const window = FakeBrowserWindow.instances.at(-1);
  if (!window) throw new Error('no window was created');
  return window;
}

describe('createMainWindow', () => {
  it('creates exactly one window with locked-down web preferences', () => {
    const window = makeWindow('/opt/vigil/dist/electron/preload.cjs');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const prefs = window.options.webPreferences;
    expect(prefs).toBeDefined();
    expect(prefs?.contextIsolation).toBe(true);
    expect(prefs?.sandbox).toBe(true);
    expect(prefs?.nodeIntegration).toBe(false);
    expect(prefs?.nodeIntegrationInWorker).toBe(false);
    expect(prefs?.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs?.webSecurity).toBe(true);
    expect(prefs?.allowRunningInsecureContent).toBe(false);
    expect(prefs?.webviewTag).toBe(false);
    expect(prefs?.experimentalFeatures).toBe(false);
    expect(prefs?.navigateOnDragDrop).toBe(false);
    expect(prefs?.preload).toBe('/opt/vigil/dist/electron/preload.cjs');
    expect(prefs?.devTools).toBe(false);
  });

  it('has DevTools only in a development run, never in a packaged build', () => {
    expect(makeWindow('/p/preload.cjs', true).options.webPreferences?.devTools).toBe(false);
    expect(makeWindow('/p/preload.cjs', false).options.webPreferences?.devTools).toBe(true);
  });

  it('uses exactly the preferences secureWebPreferences returns, nothing looser', () => {
    const window = makeWindow('/p/preload.cjs');
    expect(window.options.webPreferences).toStrictEqual(secureWebPreferences('/p/preload.cjs', true));
  });

  it('passes the preload path through unchanged', () => {
    const path = '/a path/with spaces/preload.cjs';
    expect(makeWindow(path).options.webPreferences?.preload).toBe(path);
  });

  it('starts hidden and shows the window only once it is ready to show', () => {
    const window = makeWindow();
    expect(window.options.show).toBe(false);
    expect(window.shown).toBe(0);
    expect(window.onceListeners.has('ready-to-show')).toBe(true);
    window.emitOnce('ready-to-show');
    expect(window.shown).toBe(1);
  });

  it('loads the URL it is given and returns the window it made', () => {
    const returned = createMainWindow(
      { BrowserWindow: asBrowserWindowClass(), preloadPath: '/p.cjs', packaged: true },
      'app://vigil/index.html',
    );
    const window = FakeBrowserWindow.instances[0];
    expect(returned).toBe(window);
    expect(window?.loadedUrls).toEqual(['app://vigil/index.html']);
  });
});

describe('createMainWindow driven through registerDesktop', () => {
  function minimalDeps(): DesktopDeps {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
      on: vi.fn(),
    };
    const child = { on: vi.fn(), postMessage: vi.fn(), kill: vi.fn() };
    const deps = {
      app: {
        whenReady: () => Promise.resolve(),
        on: vi.fn(),
        quit: vi.fn(),
        requestSingleInstanceLock: () => true,
        setPath: vi.fn(),
        isPackaged: true,
      },
      BrowserWindow: FakeBrowserWindow,
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      session: { defaultSession: session },
      ipcMain: { handle: vi.fn() },
      utilityProcess: { fork: vi.fn(() => child) },
      actor: 'desktop.user',
      paths: {
        preload: '/opt/vigil/dist/electron/preload.cjs',
        coreHost: '/opt/vigil/dist/electron/core-host.cjs',
        rendererDir: '/opt/vigil/dist/renderer',
        dataDir: '/home/u/.config/Vigil',
        dbPath: '/home/u/.config/Vigil/vigil.db',
      },
    };
    return deps as unknown as DesktopDeps;
  }

  it('opens one hidden, locked-down window on app://vigil/index.html', async () => {
    const { ready } = registerDesktop(minimalDeps());
    await ready;
    expect(startUrl).toBe('app://vigil/index.html');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const window = FakeBrowserWindow.instances[0];
    expect(window?.loadedUrls).toEqual(['app://vigil/index.html']);
    expect(window?.options.show).toBe(false);
    expect(window?.options.webPreferences).toStrictEqual(secureWebPreferences('/opt/vigil/dist/electron/preload.cjs', true));
    expect(window?.options.webPreferences?.devTools).toBe(false);
  });
});
