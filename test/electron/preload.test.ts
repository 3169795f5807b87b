import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok, type Result } from '../../electron/contract/errors.ts';
import { methodNames } from '../../electron/contract/methods.ts';
import { teamServerMethodNames } from '../../electron/contract/team-connection.ts';
import { rpcChannel, teamServerChannel } from '../../electron/main/ipc-bridge.ts';

const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>(),
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke },
}));

type Bridge = Record<string, (input?: unknown) => Promise<Result<unknown>>>;

let api: Bridge;
// Copied out at import time: the mock's own call log may be cleared between tests.
let exposeCalls: [key: string, api: unknown][] = [];

beforeAll(async () => {
  await import('../../electron/preload/index.ts');
  exposeCalls = [...electron.exposeInMainWorld.mock.calls];
  const [call] = exposeCalls;
  if (!call) throw new Error('the preload exposed nothing');
  api = call[1] as Bridge;
});

beforeEach(() => {
  electron.invoke.mockReset();
  electron.invoke.mockResolvedValue(ok('from main'));
});

describe('preload', () => {
  it("exposes exactly one object, under the key 'vigil'", () => {
    expect(exposeCalls).toHaveLength(1);
    expect(exposeCalls[0]?.[0]).toBe('vigil');
  });

  it('exposes one function per contract method and per desktop team server method, and nothing else', () => {
    const expected = [...methodNames, ...teamServerMethodNames].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    expect(Object.getOwnPropertyNames(api).sort()).toEqual(expected);
    expect(Object.getOwnPropertySymbols(api)).toEqual([]);
    for (const name of expected) expect(typeof api[name]).toBe('function');
  });

  it('sends the team server methods on their own channel, the one the main process listens on', async () => {
    const input = { url: 'https://vigil.example.org' };
    await api['teamServer.probe']?.(input);
    expect(electron.invoke).toHaveBeenCalledWith(teamServerChannel, 'teamServer.probe', input);
    expect(teamServerChannel).toBe('vigil:team-server');
  });

  it('exposes a frozen object', () => {
    expect(Object.isFrozen(api)).toBe(true);
  });

  it("api['systems.list']({}) invokes vigil:rpc with the method and input and returns the reply", async () => {
    const result = await api['systems.list']?.({});
    expect(electron.invoke).toHaveBeenCalledTimes(1);
    expect(electron.invoke).toHaveBeenCalledWith('vigil:rpc', 'systems.list', {});
    expect(result).toEqual(ok('from main'));
  });

  it('passes the input through unchanged', async () => {
    const input = { id: 'sys-00000001', changes: { name: 'Sepsis predictor' } };
    await api['systems.update']?.(input);
    expect(electron.invoke).toHaveBeenCalledWith('vigil:rpc', 'systems.update', input);
  });

  it('sends {} when called without input', async () => {
    await api['app.info']?.();
    expect(electron.invoke).toHaveBeenCalledWith('vigil:rpc', 'app.info', {});
  });

  it('every function calls its own method name', async () => {
    for (const name of methodNames) await api[name]?.({});
    expect(electron.invoke.mock.calls.map((call) => call[1])).toEqual(methodNames);
  });

  it('uses the same channel the main process listens on', async () => {
    await api['systems.list']?.({});
    expect(electron.invoke.mock.calls[0]?.[0]).toBe(rpcChannel);
  });
});
