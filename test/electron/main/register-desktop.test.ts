import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, UtilityProcess } from 'electron';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CertificateInfo, TeamConnection, TeamStatus } from '../../../electron/contract/team-connection.ts';
import { teamConnectionFileName } from '../../../electron/main/team-connection-store.ts';
import { makeCertificate, startStubTeamServer, stubAccount, stubPassword, type StubTeamServer, type TestCertificate } from '../../support/stub-team-server.ts';
import { contentSecurityPolicy } from '../../../electron/contract/content-security-policy.ts';
import { ok, type Result } from '../../../electron/contract/errors.ts';
import { connectCoreHost } from '../../../electron/main/core-host-client.ts';
import { rpcChannel, teamServerChannel } from '../../../electron/main/ipc-bridge.ts';
import { registerDesktop, type DesktopDeps } from '../../../electron/main/register-desktop.ts';
import type { CoreRequest, CoreResponse } from '../../../electron/main/utility/core-host-protocol.ts';

vi.mock('electron', () => ({}));

type Listener = (...args: unknown[]) => void;

/** A stand-in for Electron's UtilityProcess: records messages, lets the test reply or exit. */
function fakeChild() {
  const listeners = new Map<string, Listener[]>();
  const posted: CoreRequest[] = [];
  const child = {
    on: vi.fn((event: string, listener: Listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return child;
    }),
    postMessage: vi.fn((message: CoreRequest) => {
      posted.push(message);
    }),
    kill: vi.fn(() => true),
  };
  const emit = (event: string, ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) listener(...args);
  };
  return {
    child,
    asUtilityProcess: () => child as unknown as UtilityProcess,
    posted,
    reply: (response: CoreResponse) => emit('message', response),
    exit: (code = 1) => emit('exit', code),
  };
}

class FakeBrowserWindow {
  static instances: FakeBrowserWindow[] = [];
  readonly options: BrowserWindowConstructorOptions;
  readonly loadedUrls: string[] = [];
  minimized = false;
  destroyed = false;
  readonly restore = vi.fn();
  readonly focus = vi.fn();
  readonly show = vi.fn();
  constructor(options: BrowserWindowConstructorOptions) {
    this.options = options;
    FakeBrowserWindow.instances.push(this);
  }
  once(): this {
    return this;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

type IpcHandler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

const paths = {
  preload: '/opt/vigil/dist/electron/preload.cjs',
  coreHost: '/opt/vigil/dist/electron/core-host.cjs',
  rendererDir: '/opt/vigil/dist/renderer',
  dataDir: '/home/nurse/.config/Vigil',
  dbPath: '/srv/vigil/register.db',
};

/** Every Electron part registerDesktop touches, faked; `markReady` resolves app.whenReady(). */
function fakeDeps(options: { singleInstance?: boolean; dataDir?: string } = {}) {
  FakeBrowserWindow.instances = [];
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const appListeners = new Map<string, Listener[]>();
  const app = {
    whenReady: vi.fn(() => readyPromise),
    on: vi.fn((event: string, listener: Listener) => {
      appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
      return app;
    }),
    quit: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => options.singleInstance ?? true),
    setPath: vi.fn(),
  };
  const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
  const defaultSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
    on: vi.fn(),
  };
  const ipcHandlers = new Map<string, IpcHandler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: IpcHandler) => {
      ipcHandlers.set(channel, handler);
    }),
  };
  const core = fakeChild();
  const utilityProcess = { fork: vi.fn(() => core.child) };
  const deps = {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol,
    session: { defaultSession },
    ipcMain,
    utilityProcess,
    dialog: { showSaveDialogSync: vi.fn() },
    paths: { ...paths, ...(options.dataDir ? { dataDir: options.dataDir } : {}) },
    actor: 'ward7.nurse',
  };
  return {
    deps: deps as unknown as DesktopDeps,
    app,
    protocol,
    defaultSession,
    ipcMain,
    ipcHandlers,
    utilityProcess,
    core,
    markReady,
    emitApp: (event: string, ...args: unknown[]) => {
      for (const listener of appListeners.get(event) ?? []) listener(...args);
    },
    appListenerCount: (event: string) => appListeners.get(event)?.length ?? 0,
  };
}

async function startDesktop() {
  const fake = fakeDeps();
  const { ready } = registerDesktop(fake.deps);
  fake.markReady();
  await ready;
  return fake;
}

function fakeWebContents() {
  const events: string[] = [];
  const contents = {
    on: vi.fn((event: string) => {
      events.push(event);
      return contents;
    }),
    setWindowOpenHandler: vi.fn(),
  };
  return { contents, events };
}

describe('registerDesktop', () => {
  it('registers the app:// scheme and sets userData before the app is ready', () => {
    const fake = fakeDeps();
    registerDesktop(fake.deps);

    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    const [schemes] = fake.protocol.registerSchemesAsPrivileged.mock.calls[0] ?? [];
    expect(schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    const registeredAt = fake.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0] ?? Infinity;
    const whenReadyAt = fake.app.whenReady.mock.invocationCallOrder[0] ?? -Infinity;
    expect(registeredAt).toBeLessThan(whenReadyAt);

    expect(fake.app.setPath).toHaveBeenCalledWith('userData', paths.dataDir);

    // Nothing that needs a ready app has happened yet.
    expect(fake.protocol.handle).not.toHaveBeenCalled();
    expect(fake.defaultSession.setPermissionRequestHandler).not.toHaveBeenCalled();
    expect(fake.utilityProcess.fork).not.toHaveBeenCalled();
    expect(fake.ipcMain.handle).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it("locks every WebContents announced by 'web-contents-created', even before ready", () => {
    const fake = fakeDeps();
    registerDesktop(fake.deps);
    expect(fake.appListenerCount('web-contents-created')).toBe(1);

    const first = fakeWebContents();
    const second = fakeWebContents();
    fake.emitApp('web-contents-created', {}, first.contents);
    fake.emitApp('web-contents-created', {}, second.contents);
    for (const { contents, events } of [first, second]) {
      expect(events).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
      expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    }
  });

  it('on ready locks the session, serves app:// with the CSP, forks the core, bridges IPC and opens one window', async () => {
    const fake = await startDesktop();

    expect(fake.defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(fake.defaultSession.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(fake.defaultSession.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
    expect(fake.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledTimes(1);

    expect(fake.protocol.handle).toHaveBeenCalledTimes(1);
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));

    expect(fake.utilityProcess.fork).toHaveBeenCalledTimes(1);
    expect(fake.utilityProcess.fork).toHaveBeenCalledWith(paths.coreHost, ['--db', paths.dbPath], expect.any(Object));

    expect(fake.ipcMain.handle).toHaveBeenCalledTimes(2);
    expect(fake.ipcMain.handle).toHaveBeenCalledWith(rpcChannel, expect.any(Function));
    expect(fake.ipcMain.handle).toHaveBeenCalledWith(teamServerChannel, expect.any(Function));

    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const window = FakeBrowserWindow.instances[0];
    expect(window?.loadedUrls).toEqual(['app://vigil/index.html']);
    expect(window?.options.webPreferences?.preload).toBe(paths.preload);
    expect(window?.options.webPreferences?.contextIsolation).toBe(true);
    expect(window?.options.webPreferences?.sandbox).toBe(true);
  });

  it('puts the CSP on every response through the default session', async () => {
    const fake = await startDesktop();
    const [listener] = fake.defaultSession.webRequest.onHeadersReceived.mock.calls[0] ?? [];
    const callback = vi.fn();
    (listener as (details: unknown, cb: typeof callback) => void)({ url: 'app://vigil/', responseHeaders: {} }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy] } });
  });

  it('forwards a trusted IPC call to the core process with the actor and returns its reply', async () => {
    const fake = await startDesktop();
    const handler = fake.ipcHandlers.get(rpcChannel);
    if (!handler) throw new Error('no IPC handler');

    const pending = handler({ senderFrame: { url: 'app://vigil/index.html', parent: null } }, 'systems.list', {});
    // The first message hands over the workspace key (none here: the core uses its key file).
    expect(fake.core.posted).toEqual([{ id: 0, init: { identity: null } }, { id: 1, method: 'systems.list', input: {}, actor: 'ward7.nurse' }]);
    fake.core.reply({ id: 1, result: ok(['a system']) });
    expect(await pending).toEqual(ok(['a system']));
  });

  it('does not reach the core for an untrusted sender', async () => {
    const fake = await startDesktop();
    const handler = fake.ipcHandlers.get(rpcChannel);
    const result = (await handler?.({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'systems.list', {})) as Result<unknown>;
    expect(result.ok).toBe(false);
    expect(fake.core.posted).toEqual([{ id: 0, init: { identity: null } }]);
  });

  it('stops the core on will-quit and quits when every window is closed', async () => {
    const fake = await startDesktop();
    expect(fake.core.child.kill).not.toHaveBeenCalled();
    fake.emitApp('will-quit', {});
    expect(fake.core.child.kill).toHaveBeenCalledTimes(1);

    expect(fake.app.quit).not.toHaveBeenCalled();
    fake.emitApp('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
  });

  it('will-quit before ready does not throw (there is no core yet)', () => {
    const fake = fakeDeps();
    registerDesktop(fake.deps);
    expect(() => fake.emitApp('will-quit', {})).not.toThrow();
  });

  it('a second launch restores and focuses the existing window', async () => {
    const fake = await startDesktop();
    const window = FakeBrowserWindow.instances[0];
    if (!window) throw new Error('no window');
    window.minimized = true;
    fake.emitApp('second-instance', {}, ['vigil'], '/');
    expect(window.restore).toHaveBeenCalledTimes(1);
    expect(window.focus).toHaveBeenCalledTimes(1);
    expect(FakeBrowserWindow.instances).toHaveLength(1);

    window.destroyed = true;
    fake.emitApp('second-instance', {}, ['vigil'], '/');
    expect(window.focus).toHaveBeenCalledTimes(1);
  });

  it('when another instance holds the lock: quits and does nothing else', async () => {
    const fake = fakeDeps({ singleInstance: false });
    const { ready } = registerDesktop(fake.deps);
    fake.markReady();
    await ready;

    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.app.setPath).not.toHaveBeenCalled();
    expect(fake.app.on).not.toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(fake.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(fake.protocol.handle).not.toHaveBeenCalled();
    expect(fake.defaultSession.setPermissionRequestHandler).not.toHaveBeenCalled();
    expect(fake.utilityProcess.fork).not.toHaveBeenCalled();
    expect(fake.ipcMain.handle).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});

describe('connectCoreHost', () => {
  it('sends each call with a fresh id, the method, the input and the actor', () => {
    const core = fakeChild();
    const client = connectCoreHost(core.asUtilityProcess(), 'ward7.nurse');
    void client.call('app.info', {});
    void client.call('systems.get', { id: 'sys-1' });
    expect(core.posted).toEqual([
      { id: 1, method: 'app.info', input: {}, actor: 'ward7.nurse' },
      { id: 2, method: 'systems.get', input: { id: 'sys-1' }, actor: 'ward7.nurse' },
    ]);
  });

  it('matches replies to calls by id when they arrive out of order', async () => {
    const core = fakeChild();
    const client = connectCoreHost(core.asUtilityProcess(), 'a');
    const first = client.call('systems.get', { id: 'one' });
    const second = client.call('systems.get', { id: 'two' });
    const third = client.call('systems.get', { id: 'three' });
    const ids = core.posted.map((request) => request.id);
    expect(new Set(ids).size).toBe(3);
    const [idOne = 0, idTwo = 0, idThree = 0] = ids;

    core.reply({ id: idThree, result: ok('three') });
    core.reply({ id: idOne, result: ok('one') });
    core.reply({ id: idTwo, result: { ok: false, error: { code: 'NOT_FOUND', message: 'two is gone' } } });

    await expect(first).resolves.toEqual(ok('one'));
    await expect(second).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'two is gone' } });
    await expect(third).resolves.toEqual(ok('three'));
  });

  it('ignores replies for unknown or already answered ids', async () => {
    const core = fakeChild();
    const client = connectCoreHost(core.asUtilityProcess(), 'a');
    const call = client.call('app.info', {});
    const id = core.posted[0]?.id ?? 0;
    core.reply({ id: id + 100, result: ok('stray') });
    core.reply({ id, result: ok('right') });
    core.reply({ id, result: ok('duplicate') });
    await expect(call).resolves.toEqual(ok('right'));
  });

  it('resolves every pending call with INTERNAL when the core process exits', async () => {
    const core = fakeChild();
    const client = connectCoreHost(core.asUtilityProcess(), 'a');
    const calls = [client.call('app.info', {}), client.call('systems.list', {})];
    core.exit(1);
    const results = await Promise.all(calls);
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INTERNAL');
    }
  });

  it('does not fail calls that were already answered when the core exits', async () => {
    const core = fakeChild();
    const client = connectCoreHost(core.asUtilityProcess(), 'a');
    const answered = client.call('app.info', {});
    core.reply({ id: core.posted[0]?.id ?? 0, result: ok('fine') });
    await expect(answered).resolves.toEqual(ok('fine'));
    core.exit(0);
    await expect(answered).resolves.toEqual(ok('fine'));
  });

  it('answers calls made after the core process exited at once, instead of hanging', async () => {
    const core = fakeChild();
    const client = connectCoreHost(core.asUtilityProcess(), 'a');
    core.exit(1);
    const result = await client.call('app.info', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INTERNAL');
    expect(core.posted).toEqual([]);
  });

  it('stop() kills the core process', () => {
    const core = fakeChild();
    connectCoreHost(core.asUtilityProcess(), 'a').stop();
    expect(core.child.kill).toHaveBeenCalledTimes(1);
  });
});

describe('registerDesktop and the workspace key', () => {
  it('hands the key unlocked in the main process to the core as its first message', async () => {
    const fake = fakeDeps();
    const identity = { key: { privateKeyPem: 'PEM', createdAt: '2026-03-01T09:00:00.000Z' }, protection: 'safeStorage' as const, location: '/data/vigil.db.identity.enc' };
    const { ready } = registerDesktop({ ...fake.deps, identity: async () => identity });
    fake.markReady();
    await ready;
    expect(fake.core.posted[0]).toEqual({ id: 0, init: { identity } });
    expect(fake.utilityProcess.fork).toHaveBeenCalledWith(expect.any(String), ['--db', expect.any(String)], expect.anything());
    expect(JSON.stringify(fake.utilityProcess.fork.mock.calls)).not.toContain('PEM');
  });
});

describe('registerDesktop and a team server (calls go local until one is chosen, then to it)', () => {
  let certificate: TestCertificate;
  let impostorCertificate: TestCertificate;
  let server: StubTeamServer;
  let dataDir: string;
  const app = { senderFrame: { url: 'app://vigil/index.html', parent: null } };

  beforeAll(async () => {
    [certificate, impostorCertificate] = await Promise.all([makeCertificate(), makeCertificate('impostor.test')]);
    server = await startStubTeamServer(certificate);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-desktop-team-'));
    server.seen.length = 0;
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start() {
    const fake = fakeDeps({ dataDir });
    const { ready } = registerDesktop(fake.deps);
    fake.markReady();
    await ready;
    const rpc = fake.ipcHandlers.get(rpcChannel);
    const team = fake.ipcHandlers.get(teamServerChannel);
    if (!rpc || !team) throw new Error('the bridges were not registered');
    return {
      fake,
      rpc: (method: string, input: unknown) => rpc(app, method, input) as Promise<Result<unknown>>,
      team: (method: string, input: unknown = {}) => team(app, method, input) as Promise<Result<unknown>>,
      /** Calls that reached the local core (after the key hand-over). */
      localCalls: () => fake.core.posted.filter((m) => m.id !== 0).map((m) => m.method),
    };
  }

  const value = <T>(result: Result<unknown>): T => {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };

  it('not connected: the status is local and every call goes to the core on the own file, none to a server', async () => {
    const desktop = await start();
    expect(await desktop.team('teamServer.status')).toEqual(ok({ mode: 'local', problem: null }));
    const pending = desktop.rpc('systems.list', {});
    desktop.fake.core.reply({ id: 1, result: ok(['local system']) });
    expect(await pending).toEqual(ok(['local system']));
    expect(desktop.localCalls()).toEqual(['systems.list']);
    expect(server.seen).toEqual([]);
  });

  it('check, connect, sign in: calls go to the server with their content (vendor exchange included), none to the local core; stopping goes back to it', async () => {
    const desktop = await start();
    const seen = value<CertificateInfo>(await desktop.team('teamServer.probe', { url: server.url }));
    expect(seen).toMatchObject({ url: server.url, fingerprint: certificate.fingerprint, pinnedFingerprint: null, trustedBySystem: false });

    // The person confirms what they saw; it is pinned with who and when.
    const connected = value<TeamStatus>(await desktop.team('teamServer.connect', { url: server.url, fingerprint: seen.fingerprint.replaceAll(':', '').toLowerCase() }));
    expect(connected).toMatchObject({ mode: 'team', url: server.url, fingerprint: certificate.fingerprint, pinnedBy: 'ward7.nurse', account: null, passwordSignIn: true });
    const saved = JSON.parse(readFileSync(join(dataDir, teamConnectionFileName), 'utf8')) as TeamConnection;
    expect(saved).toMatchObject({ version: 1, url: server.url, fingerprint: certificate.fingerprint, pinnedBy: 'ward7.nurse' });

    // Connected but not signed in: refused in words, and not answered from the own file either.
    const early = await desktop.rpc('systems.list', {});
    expect(early.ok ? null : early.error.code).toBe('UNAUTHORIZED');

    const signedIn = value<TeamStatus>(await desktop.team('teamServer.signIn', { login: stubAccount.login, password: stubPassword }));
    expect(signedIn).toMatchObject({ mode: 'team', account: stubAccount });

    expect(value(await desktop.rpc('systems.create', { name: 'Sepsis predictor' }))).toEqual({ method: 'systems.create', input: { name: 'Sepsis predictor' } });
    // A request file the page opened goes as its text; an export comes back as bytes for the save dialog.
    const packageText = '{"kind":"vigil.request","version":1}';
    expect(value(await desktop.rpc('vendorInbox.open', { text: packageText }))).toEqual({ method: 'vendorInbox.open', input: { text: packageText } });
    server.answerRpc(() => ({ ok: true, value: { fileName: 'register.docx', dataBase64: 'UEsDBA==', path: null } }));
    try {
      expect(value(await desktop.rpc('export.register', { format: 'docx' }))).toEqual({ fileName: 'register.docx', dataBase64: 'UEsDBA==', path: null });
    } finally {
      server.answerRpc((method, input) => ({ ok: true, value: { method, input } }));
    }
    expect(server.seen.filter((r) => r.path.startsWith('/rpc/')).map((r) => r.path)).toEqual(['/rpc/systems.create', '/rpc/vendorInbox.open', '/rpc/export.register']);
    expect(desktop.localCalls()).toEqual([]);

    // Stop using the server: signed out there, the choice forgotten, calls back on the own file.
    expect(await desktop.team('teamServer.disconnect')).toEqual(ok({ mode: 'local', problem: null }));
    expect(server.seen.at(-1)?.path).toBe('/auth/sign-out');
    expect(existsSync(join(dataDir, teamConnectionFileName))).toBe(false);
    const pending = desktop.rpc('systems.list', {});
    desktop.fake.core.reply({ id: 1, result: ok([]) });
    expect(await pending).toEqual(ok([]));
    expect(desktop.localCalls()).toEqual(['systems.list']);
  });

  it('after a restart the chosen server is used again (pinned), and asks to sign in', async () => {
    const first = await start();
    value(await first.team('teamServer.connect', { url: server.url, fingerprint: certificate.fingerprint }));
    const again = await start();
    expect(value<TeamStatus>(await again.team('teamServer.status'))).toMatchObject({ mode: 'team', url: server.url, fingerprint: certificate.fingerprint, account: null });
    const refused = await again.rpc('systems.list', {});
    expect(refused.ok ? null : refused.error.message).toContain(`Sign in to the team server at ${server.url} first`);
    expect(again.localCalls()).toEqual([]);
  });

  it('connecting with a fingerprint the server does not show is refused naming both; nothing is saved and calls stay local', async () => {
    const desktop = await start();
    const refused = await desktop.team('teamServer.connect', { url: server.url, fingerprint: impostorCertificate.fingerprint });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('CERTIFICATE_CHANGED');
    expect(refused.error.message).toContain(impostorCertificate.fingerprint);
    expect(refused.error.message).toContain(certificate.fingerprint);
    expect(existsSync(join(dataDir, teamConnectionFileName))).toBe(false);
    expect(await desktop.team('teamServer.status')).toEqual(ok({ mode: 'local', problem: null }));
    expect(server.seen).toEqual([]);
  });

  it('a pinned server that now shows another certificate: every call is refused naming both fingerprints, nothing is sent', async () => {
    const impostor = await startStubTeamServer(impostorCertificate);
    try {
      writeFileSync(join(dataDir, teamConnectionFileName), JSON.stringify({ version: 1, url: impostor.url, fingerprint: certificate.fingerprint, pinnedAt: '2026-12-01T09:00:00.000Z', pinnedBy: 'ward7.nurse' }));
      const desktop = await start();
      const refused = await desktop.team('teamServer.signIn', { login: stubAccount.login, password: stubPassword });
      expect(refused.ok ? null : refused.error.message).toContain(`fingerprint ${impostorCertificate.fingerprint}, not the pinned ${certificate.fingerprint}`);
      const status = value<TeamStatus>(await desktop.team('teamServer.status'));
      expect(status.mode === 'team' ? status.notice : null).toContain(`not the pinned ${certificate.fingerprint}`);
      const probe = value<CertificateInfo>(await desktop.team('teamServer.probe', { url: impostor.url }));
      expect(probe).toMatchObject({ fingerprint: impostorCertificate.fingerprint, pinnedFingerprint: certificate.fingerprint });
      expect(impostor.seen).toEqual([]);
    } finally {
      await impostor.close();
    }
  });

  it('an unusable settings file: works on the own file and says why', async () => {
    writeFileSync(join(dataDir, teamConnectionFileName), '{"url": "https://vigil.example", "fingerprint": "no"}');
    const desktop = await start();
    const status = value<TeamStatus>(await desktop.team('teamServer.status'));
    expect(status.mode).toBe('local');
    expect(status.mode === 'local' ? status.problem : null).toContain('cannot be used');
    void desktop.rpc('systems.list', {});
    expect(desktop.localCalls()).toEqual(['systems.list']);
  });

  it('refuses team server calls from an untrusted sender, bad input in words, and unknown desktop methods', async () => {
    const fake = fakeDeps({ dataDir });
    const { ready } = registerDesktop(fake.deps);
    fake.markReady();
    await ready;
    const team = fake.ipcHandlers.get(teamServerChannel);
    const forbidden = (await team?.({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'teamServer.probe', { url: server.url })) as Result<unknown>;
    expect(forbidden.ok ? null : forbidden.error.code).toBe('FORBIDDEN');
    const unknown = (await team?.(app, 'teamServer.trustEverything', {})) as Result<unknown>;
    expect(unknown.ok ? null : unknown.error.code).toBe('UNKNOWN_METHOD');
    const bad = (await team?.(app, 'teamServer.connect', { url: server.url, fingerprint: 'AB:CD' })) as Result<unknown>;
    expect(bad.ok ? null : bad.error.message).toBe('fingerprint: fingerprint must be a SHA-256 fingerprint: 64 hexadecimal digits');
    const http = (await team?.(app, 'teamServer.probe', { url: 'http://127.0.0.1:1' })) as Result<unknown>;
    expect(http.ok ? null : http.error.message).toContain('only over https://');
    expect(server.seen).toEqual([]);
  });
});
