import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { ok, type Result } from '../../../electron/contract/errors.ts';
import { isTrustedSender, registerIpcBridge, registerTeamServerBridge, rpcChannel, teamServerChannel } from '../../../electron/main/ipc-bridge.ts';

vi.mock('electron', () => ({}));

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;
type Forward = (method: string, input: unknown) => Promise<Result<unknown>>;

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

function setup(reply: Result<unknown> = ok({ answered: true })) {
  const handlers = new Map<string, InvokeHandler>();
  const handle = vi.fn((channel: string, handler: InvokeHandler) => {
    handlers.set(channel, handler);
  });
  const forward = vi.fn<Forward>(() => Promise.resolve(reply));
  registerIpcBridge({ handle } as unknown as IpcMain, forward);
  expect(handle).toHaveBeenCalledTimes(1);
  const handler = handlers.get(rpcChannel);
  if (!handler) throw new Error(`no handler for ${rpcChannel}`);
  const invoke = (senderFrame: FakeFrame | null | undefined, method: unknown, input: unknown) =>
    handler({ senderFrame } as unknown as IpcMainInvokeEvent, method, input) as Promise<Result<unknown>>;
  return { invoke, forward };
}

const appFrame = (): FakeFrame => ({ url: 'app://vigil/index.html', parent: null });

describe('registerIpcBridge', () => {
  it("listens on 'vigil:rpc'", () => {
    expect(rpcChannel).toBe('vigil:rpc');
  });

  it('forwards a call from the app window with its method and input and returns the result', async () => {
    const reply = ok([{ id: 'sys-1' }]);
    const { invoke, forward } = setup(reply);
    const input = { includeArchived: true };
    const result = await invoke(appFrame(), 'systems.list', input);
    expect(forward).toHaveBeenCalledTimes(1);
    expect(forward).toHaveBeenCalledWith('systems.list', input);
    expect(result).toBe(reply);
  });

  it('returns a failed Result from the core unchanged', async () => {
    const reply: Result<unknown> = { ok: false, error: { code: 'NOT_FOUND', message: 'No such system.' } };
    const { invoke } = setup(reply);
    expect(await invoke({ url: 'app://vigil/#/systems/1', parent: null }, 'systems.get', { id: 'x' })).toEqual(reply);
  });

  it.each<[string, FakeFrame | null | undefined]>([
    ['there is no sender frame (null)', null],
    ['there is no sender frame (undefined)', undefined],
    ['the sender is a subframe of the app', { url: 'app://vigil/index.html', parent: appFrame() }],
    ['the sender is https://evil.example/', { url: 'https://evil.example/', parent: null }],
    ['the sender is file:///etc/passwd', { url: 'file:///etc/passwd', parent: null }],
    ['the sender is http://127.0.0.1:3000/', { url: 'http://127.0.0.1:3000/', parent: null }],
    ['the sender is another app:// host', { url: 'app://other/index.html', parent: null }],
    ['the sender is a look-alike host', { url: 'app://vigil.evil.example/index.html', parent: null }],
    ['the sender is devtools', { url: 'devtools://devtools/bundled/inspector.html', parent: null }],
    ['the sender is about:blank', { url: 'about:blank', parent: null }],
    ['the sender url is empty', { url: '', parent: null }],
  ])('refuses with FORBIDDEN and forwards nothing when %s', async (_label, frame) => {
    const { invoke, forward } = setup();
    const result = await invoke(frame, 'systems.list', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('FORBIDDEN');
    expect(forward).not.toHaveBeenCalled();
  });

  it.each([42, null, undefined, { name: 'systems.list' }, ['systems.list']])(
    'answers BAD_REQUEST for a method name that is not text (%j)',
    async (method) => {
      const { invoke, forward } = setup();
      const result = await invoke(appFrame(), method, {});
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('BAD_REQUEST');
      expect(forward).not.toHaveBeenCalled();
    },
  );

  it('checks the sender before the method name', async () => {
    const { invoke } = setup();
    const result = await invoke({ url: 'https://evil.example/', parent: null }, 42, {});
    expect(result.ok ? null : result.error.code).toBe('FORBIDDEN');
  });
});

describe('isTrustedSender', () => {
  const event = (senderFrame: FakeFrame | null) => ({ senderFrame }) as unknown as IpcMainInvokeEvent;

  it('trusts only the top-level app frame', () => {
    expect(isTrustedSender(event(appFrame()))).toBe(true);
    expect(isTrustedSender(event(null))).toBe(false);
    expect(isTrustedSender(event({ url: 'app://vigil/index.html', parent: appFrame() }))).toBe(false);
    expect(isTrustedSender(event({ url: 'devtools://devtools/bundled/inspector.html', parent: null }))).toBe(false);
  });
});

describe('registerTeamServerBridge', () => {
  it("listens on 'vigil:team-server' with the same checks as the core's channel", async () => {
    const handlers = new Map<string, InvokeHandler>();
    const forward = vi.fn<Forward>(() => Promise.resolve(ok({ mode: 'local', problem: null })));
    registerTeamServerBridge({ handle: (channel: string, handler: InvokeHandler) => handlers.set(channel, handler) } as unknown as IpcMain, forward);
    expect([...handlers.keys()]).toEqual([teamServerChannel]);
    const handler = handlers.get(teamServerChannel);
    const invoke = (senderFrame: FakeFrame | null, method: unknown) => handler?.({ senderFrame } as unknown as IpcMainInvokeEvent, method, {}) as Promise<Result<unknown>>;

    const subframe = await invoke({ url: 'app://vigil/index.html', parent: appFrame() }, 'teamServer.probe');
    expect(subframe.ok ? null : subframe.error.code).toBe('FORBIDDEN');
    const foreign = await invoke({ url: 'https://evil.example/', parent: null }, 'teamServer.connect');
    expect(foreign.ok ? null : foreign.error.code).toBe('FORBIDDEN');
    const nameless = await invoke(appFrame(), 42);
    expect(nameless.ok ? null : nameless.error.code).toBe('BAD_REQUEST');
    expect(forward).not.toHaveBeenCalled();

    expect(await invoke(appFrame(), 'teamServer.status')).toEqual(ok({ mode: 'local', problem: null }));
    expect(forward).toHaveBeenCalledWith('teamServer.status', {});
  });
});
