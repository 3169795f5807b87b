import { mkdirSync, writeFileSync } from 'node:fs';
import { request, Server, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy, maxCallBytes, methodNames, type Result, type VigilError } from '../../electron/contract/index.ts';
import { startRpcServer, type RunningServer } from '../../electron/server/rpc-server.ts';
import { makeTestCore, tempDir, type TestCore } from '../support/core-fixture.ts';

const token = 'test-token-0123456789abcdefghijklmnop';
const indexMarker = 'vigil-rpc-server-test-index';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

interface SendOptions {
  method?: string;
  path: string;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
  /** Write the body with write()+end(), so it travels chunked without a Content-Length. */
  streamed?: boolean;
  /** Send the headers only (e.g. a Content-Length above the cap) and never the body. */
  withholdBody?: boolean;
}

/**
 * One request with node:http, so Host, Origin and Content-Length can be anything a hostile
 * page or process might send. Resolves with the response; a socket error after the response
 * arrived (the server closes refused uploads) is ignored.
 */
function send(port: number, options: SendOptions): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path, headers: options.headers, agent: false },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
          if (options.withholdBody) req.destroy();
        });
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (options.withholdBody) {
      req.flushHeaders();
    } else if (options.streamed) {
      req.write(options.body ?? '');
      req.end();
    } else {
      req.end(options.body);
    }
  });
}

function errorOf(response: RawResponse): VigilError {
  const body = JSON.parse(response.text) as Result<unknown>;
  expect(body.ok, `expected a refusal, got ${response.text}`).toBe(false);
  if (body.ok) throw new Error('unreachable');
  return body.error;
}

/** Headers of a well-formed call; each refusal test spoils exactly one thing. */
function goodHeaders(port: number, extra: OutgoingHttpHeaders = {}): OutgoingHttpHeaders {
  return {
    Host: `127.0.0.1:${port}`,
    Origin: `http://127.0.0.1:${port}`,
    'Sec-Fetch-Site': 'same-origin',
    'Content-Type': 'application/json',
    Authorization: `Bearer ${token}`,
    ...extra,
  };
}

const validCreate = JSON.stringify({ name: 'Chest X-ray triage', vendor: 'Acme Imaging' });

interface Harness {
  core: TestCore;
  server: RunningServer;
  dispatched: string[];
  staticDir: string;
  siblingSecret: string;
  cleanup(): Promise<void>;
}

async function startHarness(maxBodyBytes?: number): Promise<Harness> {
  const core = makeTestCore();
  const files = tempDir('vigil-static-');
  const staticDir = join(files.dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), `<!doctype html><title>${indexMarker}</title>`);
  // A file next to (not inside) the static root: traversal must never reach it.
  const siblingSecret = 'secret.txt';
  writeFileSync(join(files.dir, siblingSecret), 'top secret');
  const dispatched: string[] = [];
  const server = await startRpcServer({
    dispatch: (method, input) => {
      dispatched.push(method);
      return core.dispatch(method, input, { actor: 'test' });
    },
    staticDir,
    token,
    port: 0,
    ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
  });
  return {
    core,
    server,
    dispatched,
    staticDir,
    siblingSecret,
    async cleanup() {
      await server.close();
      core.dispose();
      files.cleanup();
    },
  };
}

describe('rpc server: listening', () => {
  let captured: Server | undefined;
  let listenArgs: unknown[] = [];
  let harness: Harness;

  beforeAll(async () => {
    // Spy on (and call through to) Server#listen to reach the real server's address.
    const spy = vi.spyOn(Server.prototype, 'listen');
    try {
      harness = await startHarness();
      captured = spy.mock.contexts[0] as Server | undefined;
      listenArgs = spy.mock.calls[0] ?? [];
    } finally {
      spy.mockRestore();
    }
  });
  afterAll(() => harness.cleanup());

  it('binds to 127.0.0.1 only and puts the token in the URL fragment', () => {
    expect(captured).toBeDefined();
    const address = captured?.address() as AddressInfo;
    expect(listenArgs).toContain('127.0.0.1');
    expect(address.address).toBe('127.0.0.1');
    expect(address.family).toBe('IPv4');
    expect(address.port).toBe(harness.server.port);
    expect(harness.server.port).toBeGreaterThan(0);
    expect(harness.server.url).toBe(`http://127.0.0.1:${harness.server.port}/#token=${token}`);
    expect(harness.server.url).toContain('#token=');
  });

  it.skipIf(process.platform !== 'linux')('is not reachable on another loopback address (127.0.0.2)', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.2', port: harness.server.port });
      socket.setTimeout(2000, () => {
        socket.destroy();
        resolve('timeout');
      });
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(outcome).toBe('ECONNREFUSED');
  });
});

describe('rpc server: refusals happen before the core', () => {
  let harness: Harness;
  let port: number;

  beforeAll(async () => {
    harness = await startHarness();
    port = harness.server.port;
  });
  afterEach(async () => {
    // Nothing reached the core, and nothing was written by a refused call.
    expect(harness.dispatched).toEqual([]);
    expect(await harness.core.call('systems.list', { includeArchived: true })).toEqual([]);
  });
  afterAll(() => harness.cleanup());

  it('a well-formed call is accepted (the baseline every refusal spoils)', async () => {
    const response = await send(port, { path: '/rpc/systems.list', headers: goodHeaders(port), body: '{}' });
    expect(response.status).toBe(200);
    expect(harness.dispatched).toEqual(['systems.list']);
    harness.dispatched.length = 0;
  });

  const cases: { name: string; status: number; code: VigilError['code']; request: (port: number) => SendOptions }[] = [
    {
      name: 'no token',
      status: 401,
      code: 'UNAUTHORIZED',
      request: (p) => {
        const headers = goodHeaders(p);
        delete headers.Authorization;
        return { path: '/rpc/systems.create', headers, body: validCreate };
      },
    },
    {
      name: 'a wrong token',
      status: 401,
      code: 'UNAUTHORIZED',
      request: (p) => ({ path: '/rpc/systems.create', headers: goodHeaders(p, { Authorization: `Bearer ${token.slice(0, -1)}X` }), body: validCreate }),
    },
    {
      name: 'a token of another length',
      status: 401,
      code: 'UNAUTHORIZED',
      request: (p) => ({ path: '/rpc/systems.create', headers: goodHeaders(p, { Authorization: `Bearer ${token}extra` }), body: validCreate }),
    },
    {
      name: 'the token without the Bearer scheme',
      status: 401,
      code: 'UNAUTHORIZED',
      request: (p) => ({ path: '/rpc/systems.create', headers: goodHeaders(p, { Authorization: token }), body: validCreate }),
    },
    {
      name: 'a foreign Origin (http://evil.example)',
      status: 403,
      code: 'FORBIDDEN',
      request: (p) => ({ path: '/rpc/systems.create', headers: goodHeaders(p, { Origin: 'http://evil.example' }), body: validCreate }),
    },
    {
      name: 'an Origin on another port',
      status: 403,
      code: 'FORBIDDEN',
      request: (p) => ({ path: '/rpc/systems.create', headers: goodHeaders(p, { Origin: `http://127.0.0.1:${p + 1}` }), body: validCreate }),
    },
    {
      name: 'Origin "null" (sandboxed frame, file://)',
      status: 403,
      code: 'FORBIDDEN',
      request: (p) => ({ path: '/rpc/systems.create', headers: goodHeaders(p, { Origin: 'null' }), body: validCreate }),
    },
    {
      name: 'a foreign Host (DNS rebinding: evil.example:PORT)',
      status: 403,
      code: 'FORBIDDEN',
      request: (p) => ({ path: '/rpc/systems.create', headers: goodHeaders(p, { Host: `evil.example:${p}` }), body: validCreate }),
    },
    {
      name: 'a Host naming another port (127.0.0.1:otherport)',
      status: 403,
      code: 'FORBIDDEN',
      request: (p) => ({ path: '/rpc/systems.create', headers: goodHeaders(p, { Host: `127.0.0.1:${p === 65535 ? p - 1 : p + 1}` }), body: validCreate }),
    },
    {
      name: 'Sec-Fetch-Site: cross-site',
      status: 403,
      code: 'FORBIDDEN',
      request: (p) => ({ path: '/rpc/systems.create', headers: goodHeaders(p, { 'Sec-Fetch-Site': 'cross-site' }), body: validCreate }),
    },
    {
      name: 'a foreign Host on a static file',
      status: 403,
      code: 'FORBIDDEN',
      request: (p) => ({ method: 'GET', path: '/', headers: { Host: `evil.example:${p}` } }),
    },
    {
      name: 'a wrong content type (text/plain)',
      status: 400,
      code: 'BAD_REQUEST',
      request: (p) => ({ path: '/rpc/systems.create', headers: goodHeaders(p, { 'Content-Type': 'text/plain' }), body: validCreate }),
    },
    {
      name: 'no content type',
      status: 400,
      code: 'BAD_REQUEST',
      request: (p) => {
        const headers = goodHeaders(p);
        delete headers['Content-Type'];
        return { path: '/rpc/systems.create', headers, body: validCreate };
      },
    },
    {
      name: 'invalid JSON',
      status: 400,
      code: 'BAD_REQUEST',
      request: (p) => ({ path: '/rpc/systems.create', headers: goodHeaders(p), body: '{"name": "X", "vendor": ' }),
    },
    {
      name: 'JSON with a "__proto__" key',
      status: 400,
      code: 'BAD_REQUEST',
      request: (p) => ({
        path: '/rpc/systems.create',
        headers: goodHeaders(p),
        body: '{"name":"X","vendor":"Y","__proto__":{"polluted":true}}',
      }),
    },
    {
      name: 'JSON with a nested "constructor" key',
      status: 400,
      code: 'BAD_REQUEST',
      request: (p) => ({ path: '/rpc/systems.list', headers: goodHeaders(p), body: '{"a":{"constructor":{"prototype":{}}}}' }),
    },
    {
      name: 'GET /rpc/x',
      status: 400,
      code: 'BAD_REQUEST',
      request: (p) => ({ method: 'GET', path: '/rpc/x', headers: goodHeaders(p) }),
    },
    {
      name: 'GET /rpc/systems.list (a real method, wrong verb)',
      status: 400,
      code: 'BAD_REQUEST',
      request: (p) => ({ method: 'GET', path: '/rpc/systems.list', headers: goodHeaders(p) }),
    },
    {
      name: 'a method name that is not valid percent-encoding',
      status: 400,
      code: 'BAD_REQUEST',
      request: (p) => ({ path: '/rpc/%E0%A4%A', headers: goodHeaders(p), body: '{}' }),
    },
    {
      name: 'POST to a static path',
      status: 400,
      code: 'BAD_REQUEST',
      request: (p) => ({ path: '/index.html', headers: goodHeaders(p), body: '{}' }),
    },
  ];

  it.each(cases)('refuses $name with $status $code', async ({ status, code, request: build }) => {
    const response = await send(port, build(port));
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(errorOf(response).code).toBe(code);
  });

  it('does not leak the session token in refusals', async () => {
    const response = await send(port, { path: '/rpc/systems.list', headers: goodHeaders(port, { Authorization: 'Bearer nope' }), body: '{}' });
    expect(response.status).toBe(401);
    expect(response.text).not.toContain(token);
  });
});

describe('rpc server: body size cap', () => {
  const cap = 1024;
  let harness: Harness;
  let port: number;

  beforeAll(async () => {
    harness = await startHarness(cap);
    port = harness.server.port;
  });
  afterAll(() => harness.cleanup());

  /** Valid JSON for systems.create of exactly `size` bytes (padded with whitespace). */
  const createBodyOfSize = (size: number) => {
    const body = validCreate.slice(0, -1);
    return `${body}${' '.repeat(size - body.length - 1)}}`;
  };

  const refusedBeforeCore = async () => {
    expect(harness.dispatched).toEqual([]);
    expect(await harness.core.call('systems.list', { includeArchived: true })).toEqual([]);
  };

  it('refuses a streamed (chunked) body one byte over the cap with 413', async () => {
    const body = createBodyOfSize(cap + 1);
    expect(Buffer.byteLength(body)).toBe(cap + 1);
    const response = await send(port, { path: '/rpc/systems.create', headers: goodHeaders(port), body, streamed: true });
    expect(response.status).toBe(413);
    expect(errorOf(response).code).toBe('PAYLOAD_TOO_LARGE');
    await refusedBeforeCore();
  });

  it('refuses a streamed (chunked) 2048-byte body with 413', async () => {
    const body = createBodyOfSize(2 * cap);
    const response = await send(port, { path: '/rpc/systems.create', headers: goodHeaders(port), body, streamed: true });
    expect(response.status).toBe(413);
    expect(errorOf(response).code).toBe('PAYLOAD_TOO_LARGE');
    await refusedBeforeCore();
  });

  it('refuses a declared Content-Length above the cap before reading the body', async () => {
    const response = await send(port, {
      path: '/rpc/systems.create',
      headers: goodHeaders(port, { 'Content-Length': String(2 * cap) }),
      withholdBody: true,
    });
    expect(response.status).toBe(413);
    expect(errorOf(response).code).toBe('PAYLOAD_TOO_LARGE');
    expect(response.headers.connection).toBe('close');
    await refusedBeforeCore();
  });

  it('refuses a declared Content-Length of cap + 1 (body sent) with 413', async () => {
    const body = createBodyOfSize(cap + 1);
    const response = await send(port, { path: '/rpc/systems.create', headers: goodHeaders(port), body });
    expect(response.status).toBe(413);
    expect(errorOf(response).code).toBe('PAYLOAD_TOO_LARGE');
    await refusedBeforeCore();
  });

  it('accepts a body of exactly the cap', async () => {
    const body = createBodyOfSize(cap);
    expect(Buffer.byteLength(body)).toBe(cap);
    const response = await send(port, { path: '/rpc/systems.create', headers: goodHeaders(port), body });
    expect(response.status).toBe(200);
    expect(harness.dispatched).toEqual(['systems.create']);
  });
});

describe('rpc server: bodies checked while they arrive (issue 18, item 8)', () => {
  let harness: Harness;
  let port: number;

  beforeAll(async () => {
    harness = await startHarness();
    port = harness.server.port;
  });
  afterAll(() => harness.cleanup());

  const post = (method: string, body: string | Buffer) => send(port, { path: `/rpc/${method}`, headers: goodHeaders(port), body, streamed: true });

  it('refuses deep nesting at the byte that makes it too deep, and the next call is served', async () => {
    // 8 MB of "[" to a file-carrying method (its limit is 64 MB): refused as soon as it is 65 deep.
    const response = await post('vendor.previewImport', '['.repeat(8 * 1024 * 1024));
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'BAD_REQUEST', message: 'The request is not valid JSON: nesting deeper than 64 levels is not allowed.' });
    expect(response.headers.connection).toBe('close');
    const next = await post('systems.list', '{}');
    expect(next.status).toBe(200);
  });

  it('gives a call that carries no file a 1 MB limit, and a file-carrying call room for its file', async () => {
    const padded = (size: number) => `{${' '.repeat(size - 2)}}`;
    const small = await post('systems.list', padded(maxCallBytes + 1));
    expect(small.status).toBe(413);
    expect(errorOf(small)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'The request is larger than this call allows (1,048,576 bytes).' });
    const file = await post('modelCard.preview', JSON.stringify({ assessmentId: 'ASM-NOPE0001', text: 'x'.repeat(2 * maxCallBytes) }));
    expect(file.status).not.toBe(413);
    expect(errorOf(file).code).not.toBe('PAYLOAD_TOO_LARGE');
    expect(harness.dispatched).toEqual(['systems.list', 'modelCard.preview']);
  });

  it('refuses a file-carrying call of many small values while it arrives (a file is one string), and the next call is served', async () => {
    const response = await post('vendor.previewImport', `{"text":[${'1,'.repeat(2 * maxCallBytes)}1]}`);
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'BAD_REQUEST', message: 'The request is not valid JSON: more than 1,000 values is not allowed in this call.' });
    expect(response.headers.connection).toBe('close');
    expect(harness.dispatched).not.toContain('vendor.previewImport');
    // A call that carries no file has no count (its 1 MB parses quickly): this reaches the core, which refuses it.
    expect(errorOf(await post('systems.list', `[${'1,'.repeat(5000)}1]`)).code).toBe('VALIDATION_FAILED');
    expect(harness.dispatched.at(-1)).toBe('systems.list');
  });

  it('refuses a key repeated in one object, and a prototype key written with escapes', async () => {
    const twice = await post('systems.create', '{"name":"A","vendor":"B","name":"C"}');
    expect(errorOf(twice)).toMatchObject({ code: 'BAD_REQUEST', message: 'The request is not valid JSON: the key "name" appears twice in one object.' });
    const escaped = await post('systems.create', '{"name":"A","vendor":"B","\\u005f_proto__":{"x":1}}');
    expect(errorOf(escaped)).toMatchObject({ code: 'BAD_REQUEST', message: 'The request is not valid JSON: the key "__proto__" is not allowed.' });
    expect(harness.dispatched).not.toContain('systems.create');
  });

  it('refuses invalid UTF-8 instead of repairing it', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"A'), Buffer.from([0xc3, 0x28]), Buffer.from('","vendor":"B"}')]);
    const response = await post('systems.create', bytes);
    expect(errorOf(response)).toMatchObject({ code: 'BAD_REQUEST', message: 'The request is not valid JSON: the text is not valid UTF-8.' });
    expect(await harness.core.call('systems.list', { includeArchived: true })).toEqual([]);
  });
});

describe('rpc server: calls that reach the core', () => {
  let harness: Harness;
  let port: number;

  beforeAll(async () => {
    harness = await startHarness();
    port = harness.server.port;
  });
  afterAll(() => harness.cleanup());

  const call = (method: string, body: string) =>
    send(port, { path: `/rpc/${encodeURIComponent(method)}`, headers: goodHeaders(port), body });

  it('answers an unknown method with 404 UNKNOWN_METHOD naming it', async () => {
    const response = await call('systems.explode', '{}');
    expect(response.status).toBe(404);
    const error = errorOf(response);
    expect(error.code).toBe('UNKNOWN_METHOD');
    expect(error.message).toContain('systems.explode');
    expect(harness.dispatched).toEqual(['systems.explode']);
  });

  it('answers a prototype-like method name as unknown', async () => {
    for (const method of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const response = await call(method, '{}');
      expect(response.status, method).toBe(404);
      expect(errorOf(response).code, method).toBe('UNKNOWN_METHOD');
    }
  });

  it('creates a system and lists it', async () => {
    const created = await call('systems.create', validCreate);
    expect(created.status).toBe(200);
    expect(created.headers['content-type']).toMatch(/^application\/json/);
    expect(created.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(created.text) as Result<{ id: string; name: string; vendor: string }>;
    expect(body).toMatchObject({ ok: true, value: { id: expect.stringMatching(/^SYS-/), name: 'Chest X-ray triage', vendor: 'Acme Imaging' } });
    if (!body.ok) throw new Error('unreachable');

    const listed = await call('systems.list', '{}');
    expect(listed.status).toBe(200);
    const list = JSON.parse(listed.text) as Result<{ id: string; name: string }[]>;
    expect(list.ok).toBe(true);
    if (!list.ok) throw new Error('unreachable');
    expect(list.value.map((s) => s.id)).toEqual([body.value.id]);
    expect(await harness.core.call('systems.get', { id: body.value.id })).toMatchObject({ name: 'Chest X-ray triage' });
  });

  it('treats an empty body as {}', async () => {
    const response = await call('app.info', '');
    expect(response.status).toBe(200);
    expect((JSON.parse(response.text) as Result<unknown>).ok).toBe(true);
  });

  it('refuses invalid input (missing name) with 400 VALIDATION_FAILED naming the field', async () => {
    const before = await harness.core.call('systems.list', { includeArchived: true });
    const response = await call('systems.create', JSON.stringify({ vendor: 'Acme Imaging' }));
    expect(response.status).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.issues?.map((i) => i.path)).toContain('name');
    expect(await harness.core.call('systems.list', { includeArchived: true })).toEqual(before);
  });

  it('refuses unknown keys with VALIDATION_FAILED', async () => {
    const response = await call('systems.create', JSON.stringify({ name: 'A', vendor: 'B', isAdmin: true }));
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
  });

  it('serves index.html at / with the security headers', async () => {
    const response = await send(port, { method: 'GET', path: '/', headers: { Host: `127.0.0.1:${port}` } });
    expect(response.status).toBe(200);
    expect(response.text).toContain(indexMarker);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('serves static files to localhost:PORT as well', async () => {
    const response = await send(port, { method: 'GET', path: '/index.html', headers: { Host: `localhost:${port}` } });
    expect(response.status).toBe(200);
    expect(response.text).toContain(indexMarker);
  });

  it.each([
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/..%5c..%5cetc%5cpasswd',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/index.html%00.txt',
    '/no-such-file.js',
  ])('answers GET %s with 404', async (path) => {
    const response = await send(port, { method: 'GET', path, headers: { Host: `127.0.0.1:${port}` } });
    expect(response.status).toBe(404);
    expect(errorOf(response).code).toBe('NOT_FOUND');
    expect(response.text).not.toContain('root:');
    expect(response.text).not.toContain('top secret');
  });

  it('has a route for every contract method', async () => {
    expect(methodNames.length).toBeGreaterThan(0);
    for (const method of methodNames) {
      const response = await call(method, '{}');
      const body = JSON.parse(response.text) as Result<unknown>;
      if (!body.ok) expect(body.error.code, `${method}: ${body.error.message}`).not.toBe('UNKNOWN_METHOD');
      expect(response.status, method).not.toBe(404);
    }
  });
});
