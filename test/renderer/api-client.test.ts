// The renderer's way to the core. Browser mode: the per-launch token is taken from the address
// once, kept for the tab, and sent on every call; refusals come back as ApiError carrying the
// core's { code, message, details }. Electron: the preload bridge, same errors.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../electron/contract/index.ts';
import { ApiError, unwrap } from '../../renderer/src/api/api-client.ts';
import { chooseClient } from '../../renderer/src/api/choose-client.ts';
import { createHttpClient, takeSessionToken } from '../../renderer/src/api/http-client.ts';
import { createIpcClient, type VigilBridge } from '../../renderer/src/api/ipc-client.ts';

interface Sent {
  url: string;
  init: RequestInit;
}

/** A fetch that records what it was asked and answers with the given status and body text. */
function stubFetch(answer: (sent: Sent) => { status: number; body: string }) {
  const sent: Sent[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    const call = { url, init };
    sent.push(call);
    const { status, body } = answer(call);
    return new Response(body, { status, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { sent, fn };
}

const okBody = (value: unknown) => ({ status: 200, body: JSON.stringify({ ok: true, value }) });

/** Whatever a call throws, or a failure if it does not. */
async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw new Error(`expected an ApiError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to be refused');
}

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

function fakeLocation(hash: string, pathname = '/', search = '') {
  const replaced: string[] = [];
  const location = { hash, pathname, search } as Location;
  const history = {
    replaceState: (_state: unknown, _title: string, url?: string | URL | null) => {
      replaced.push(String(url));
    },
  } as History;
  return { location, history, replaced };
}

describe('HTTP client (browser mode)', () => {
  it('sends the session token as a bearer header on every call', async () => {
    const fetch = stubFetch(() => okBody({ name: 'Vigil' }));
    const client = createHttpClient('tok-123', fetch.fn);
    expect(client.transport).toBe('http');
    await client.call('app.info', {});
    await client.call('systems.list', { includeArchived: true, search: 'sepsis' });
    await client.call('systems.get', { id: 'SYS-ABCD' });
    expect(fetch.sent).toHaveLength(3);
    for (const { init } of fetch.sent) {
      expect(init.method).toBe('POST');
      expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok-123');
      expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    }
    expect(fetch.sent.map((s) => s.url)).toEqual(['./rpc/app.info', './rpc/systems.list', './rpc/systems.get']);
    expect(JSON.parse(String(fetch.sent[1]?.init.body))).toEqual({ includeArchived: true, search: 'sepsis' });
  });

  it('hands back the value of a successful call', async () => {
    const fetch = stubFetch(() => okBody([{ id: 'SYS-ABCD', name: 'Sepsis score' }]));
    const client = createHttpClient('t', fetch.fn);
    await expect(client.call('systems.list', { includeArchived: false, search: '' })).resolves.toEqual([{ id: 'SYS-ABCD', name: 'Sepsis score' }]);
  });

  it('sends an empty object when a method is called without input', async () => {
    const fetch = stubFetch(() => okBody({}));
    const client = createHttpClient('t', fetch.fn);
    await client.call('app.info', undefined as never);
    expect(fetch.sent[0]?.init.body).toBe('{}');
  });

  it('percent-encodes the method name into the path', async () => {
    const fetch = stubFetch(() => okBody(null));
    const client = createHttpClient('t', fetch.fn);
    await client.call('no/such method' as 'app.info', {});
    expect(fetch.sent[0]?.url).toBe('./rpc/no%2Fsuch%20method');
  });

  it('turns a refusal from the core into an ApiError with its code, message and details', async () => {
    const error = { code: 'VALIDATION_FAILED', message: 'name is required', details: { issues: [{ path: 'name', message: 'Name is required' }] } };
    const fetch = stubFetch(() => ({ status: 400, body: JSON.stringify({ ok: false, error }) }));
    const client = createHttpClient('t', fetch.fn);
    const refused = await refusal(client.call('systems.create', { name: '' } as never));
    expect(refused.error).toEqual(error);
    expect(refused.message).toBe('name is required');
    expect(refused.name).toBe('ApiError');
    expect(refused).toBeInstanceOf(Error);
  });

  it('reports a wrong token as the server\'s UNAUTHORIZED refusal', async () => {
    const fetch = stubFetch(() => ({ status: 401, body: JSON.stringify({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Missing or wrong session token.' } }) }));
    const refused = await refusal(createHttpClient('stale', fetch.fn).call('app.info', {}));
    expect(refused.error).toEqual({ code: 'UNAUTHORIZED', message: 'Missing or wrong session token.' });
  });

  it('refuses without calling the server when the page has no token', async () => {
    const fetch = stubFetch(() => okBody({}));
    const refused = await refusal(createHttpClient(null, fetch.fn).call('app.info', {}));
    expect(refused.error.code).toBe('UNAUTHORIZED');
    expect(refused.error.message).toMatch(/session token/);
    expect(refused.error.message).toMatch(/vigil serve/);
    expect(fetch.sent).toHaveLength(0);
  });

  it('an answer without a readable body is an INTERNAL error naming the HTTP status', async () => {
    const fetch = stubFetch(() => ({ status: 502, body: '<html>Bad gateway</html>' }));
    const refused = await refusal(createHttpClient('t', fetch.fn).call('app.info', {}));
    expect(refused.error).toEqual({ code: 'INTERNAL', message: 'The Vigil server answered 502 without a readable body.' });
  });

  it('a server that cannot be reached is a typed error too, not a bare network exception', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const refused = await refusal(createHttpClient('t', failing).call('app.info', {}));
    expect(refused.error.code).toBe('INTERNAL');
    expect(refused.error.message).toMatch(/did not answer/);
    expect(refused.error.message).toMatch(/Failed to fetch/);
  });
});

describe('session token', () => {
  it('takes the token from "#token=…", keeps it for the tab and removes it from the address', () => {
    const storage = new MemoryStorage();
    const { location, history, replaced } = fakeLocation('#token=abc%2Fdef', '/index.html', '?x=1');
    expect(takeSessionToken(location, storage, history)).toBe('abc/def');
    expect(storage.getItem('vigil.session-token')).toBe('abc/def');
    expect(replaced).toEqual(['/index.html?x=1#/']);
  });

  it('finds the token after other fragment parameters', () => {
    const storage = new MemoryStorage();
    const { location, history } = fakeLocation('#/systems&token=T0K');
    expect(takeSessionToken(location, storage, history)).toBe('T0K');
  });

  it('after a reload (no token in the address) uses the one kept for the tab, and leaves the address alone', () => {
    const storage = new MemoryStorage();
    storage.setItem('vigil.session-token', 'kept');
    const { location, history, replaced } = fakeLocation('#/risks/RSK-ABCD');
    expect(takeSessionToken(location, storage, history)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('a new launch\'s token replaces the one kept from before', () => {
    const storage = new MemoryStorage();
    storage.setItem('vigil.session-token', 'old');
    const { location, history } = fakeLocation('#token=new');
    expect(takeSessionToken(location, storage, history)).toBe('new');
  });

  it('is null when neither the address nor the tab has one', () => {
    const { location, history } = fakeLocation('#/systems');
    expect(takeSessionToken(location, new MemoryStorage(), history)).toBeNull();
  });

  it('does not read "mytoken=" or an empty "token=" as the token', () => {
    const storage = new MemoryStorage();
    expect(takeSessionToken(fakeLocation('#mytoken=abc').location, storage, fakeLocation('').history)).toBeNull();
    expect(takeSessionToken(fakeLocation('#token=').location, storage, fakeLocation('').history)).toBeNull();
  });
});

describe('choosing the client', () => {
  it('uses the desktop bridge when the preload exposed one', () => {
    const win = { vigil: {} } as unknown as Window & { vigil: VigilBridge };
    expect(chooseClient(win).transport).toBe('ipc');
  });

  it('uses HTTP with the address\'s token otherwise, sending it on calls', async () => {
    const { location, history } = fakeLocation('#token=launch-1');
    const storage = new MemoryStorage();
    const win = { location, history, sessionStorage: storage } as unknown as Window;
    const client = chooseClient(win);
    expect(client.transport).toBe('http');
    expect(storage.getItem('vigil.session-token')).toBe('launch-1');
  });
});

describe('IPC client (Electron)', () => {
  it('calls the bridge method with the input and unwraps its value', async () => {
    const seen: unknown[] = [];
    const bridge: VigilBridge = {
      'systems.get': async (input) => {
        seen.push(input);
        return { ok: true, value: { id: 'SYS-ABCD' } };
      },
    };
    const client = createIpcClient(bridge);
    expect(client.transport).toBe('ipc');
    await expect(client.call('systems.get', { id: 'SYS-ABCD' })).resolves.toEqual({ id: 'SYS-ABCD' });
    expect(seen).toEqual([{ id: 'SYS-ABCD' }]);
  });

  it('turns a refusal into an ApiError', async () => {
    const bridge: VigilBridge = { 'systems.get': async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'No system SYS-ABCD' } }) };
    const refused = await refusal(createIpcClient(bridge).call('systems.get', { id: 'SYS-ABCD' }));
    expect(refused.error).toEqual({ code: 'NOT_FOUND', message: 'No system SYS-ABCD' });
  });

  it('refuses a method the bridge does not have as UNKNOWN_METHOD', async () => {
    const refused = await refusal(createIpcClient({}).call('app.info', {}));
    expect(refused.error.code).toBe('UNKNOWN_METHOD');
    expect(refused.error.message).toContain('app.info');
  });
});

describe('unwrap', () => {
  it('returns the value of an ok result and throws the error of a failed one', () => {
    expect(unwrap<number>({ ok: true, value: 42 })).toBe(42);
    const failed: Result<unknown> = { ok: false, error: { code: 'CONFLICT', message: 'changed meanwhile' } };
    expect(() => unwrap(failed)).toThrow(ApiError);
    expect(() => unwrap(failed)).toThrow('changed meanwhile');
  });
});
