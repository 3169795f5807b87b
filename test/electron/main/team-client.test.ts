import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerAddress, probeCertificate } from '../../../electron/main/pinned-https.ts';
import { createTeamClient } from '../../../electron/main/team-client.ts';
import { makeCertificate, startStubTeamServer, stubAccount, stubPassword, type StubTeamServer, type TestCertificate } from '../../support/stub-team-server.ts';

let pinned: TestCertificate;
let other: TestCertificate;
let server: StubTeamServer;

beforeAll(async () => {
  [pinned, other] = await Promise.all([makeCertificate('vigil-team.test'), makeCertificate('impostor.test')]);
  server = await startStubTeamServer(pinned);
});
afterAll(async () => {
  await server.close();
});

/** A port nothing listens on: bound, noted, released. */
async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('parseServerAddress', () => {
  it('keeps the origin of an https:// address and adds https:// to a bare host', () => {
    expect(parseServerAddress('https://vigil.hospital.example:8443/')).toEqual({ ok: true, value: 'https://vigil.hospital.example:8443' });
    expect(parseServerAddress('  vigil.hospital.example ')).toEqual({ ok: true, value: 'https://vigil.hospital.example' });
  });

  it.each([
    ['http://127.0.0.1:8080', 'only over https://'],
    ['ftp://vigil.example', 'only over https://'],
    ['https://ana:secret@vigil.example', 'Leave the user name and password out'],
    ['https://vigil.example/rpc/app.info', 'without a path'],
    ['https://vigil.example/?x=1', 'without a path'],
    ['https://', 'is not a server address'],
  ])('refuses %s in words', (text, words) => {
    const result = parseServerAddress(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION_FAILED');
      expect(result.error.message).toContain(words);
    }
  });
});

describe('probeCertificate', () => {
  it("shows the server's certificate: its SHA-256 fingerprint, subject, issuer and validity", async () => {
    const result = await probeCertificate(server.url);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.url).toBe(server.url);
    expect(result.value.fingerprint).toBe(pinned.fingerprint);
    expect(result.value.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(result.value.subject).toContain('CN=vigil-team.test');
    expect(result.value.issuer).toContain('CN=vigil-team.test');
    expect(Date.parse(result.value.validFrom)).toBeLessThan(Date.now());
    expect(Date.parse(result.value.validTo)).toBeGreaterThan(Date.now());
    // Self-signed: the operating system does not vouch for it; the person's confirmation will.
    expect(result.value.trustedBySystem).toBe(false);
    // Only the handshake: no HTTP request reached the server.
    expect(server.seen).toEqual([]);
  });

  it('says in words that a server is unreachable, and that the own file is unchanged', async () => {
    const port = await closedPort();
    const result = await probeCertificate(`https://127.0.0.1:${port}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('SERVER_UNREACHABLE');
    expect(result.error.message).toBe(`The team server at https://127.0.0.1:${port} did not answer (connection refused: is the server running?); your own file is unchanged.`);
  });

  it('gives up on a server that accepts the connection but never shakes hands, within its limit', async () => {
    const silent = createNetServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const result = await probeCertificate(`https://127.0.0.1:${port}`, { connectMs: 300, responseMs: 300, maxResponseBytes: 1024, maxRequestBytes: 1024 });
      expect(result.ok ? null : result.error.message).toBe(`The team server at https://127.0.0.1:${port} did not answer (no answer within 0.3 s); your own file is unchanged.`);
    } finally {
      silent.close();
    }
  });
});

describe('createTeamClient', () => {
  it('with the pinned certificate: signs in, then sends each call with the session cookie and the CSRF token', async () => {
    server.seen.length = 0;
    const client = createTeamClient({ url: server.url, fingerprint: pinned.fingerprint });
    const session = await client.session();
    expect(session).toEqual({ ok: true, value: { passwordSignIn: true, account: null } });

    const signedIn = await client.signIn(stubAccount.login, stubPassword);
    expect(signedIn).toEqual({ ok: true, value: stubAccount });
    expect(client.account()).toEqual(stubAccount);

    const answered = await client.call('systems.create', { name: 'Sepsis predictor' });
    expect(answered).toEqual({ ok: true, value: { method: 'systems.create', input: { name: 'Sepsis predictor' } } });

    const [, signInRequest, rpcRequest] = server.seen;
    expect(signInRequest?.path).toBe('/auth/password');
    expect(JSON.parse(signInRequest?.body ?? '')).toEqual({ login: stubAccount.login, password: stubPassword });
    expect(rpcRequest?.path).toBe('/rpc/systems.create');
    expect(rpcRequest?.headers.cookie).toMatch(/^__Host-vigil-session=[A-Za-z0-9_-]{43}$/);
    expect(rpcRequest?.headers['x-vigil-csrf']).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(rpcRequest?.headers['content-type']).toBe('application/json');
  });

  it('refuses a server whose certificate is not the pinned one, naming both fingerprints, and sends it nothing', async () => {
    const impostor = await startStubTeamServer(other);
    try {
      const client = createTeamClient({ url: impostor.url, fingerprint: pinned.fingerprint });
      const result = await client.signIn(stubAccount.login, stubPassword);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('CERTIFICATE_CHANGED');
      expect(result.error.message).toContain(`fingerprint ${other.fingerprint}, not the pinned ${pinned.fingerprint}`);
      expect(result.error.message).toContain('Nothing was sent');
      expect(result.error.details).toEqual({ pinned: pinned.fingerprint, presented: other.fingerprint });
      // Not the password, not even the path: the request was never written.
      expect(impostor.seen).toEqual([]);
    } finally {
      await impostor.close();
    }
  });

  it('before signing in, a call is refused in words without reaching the server', async () => {
    server.seen.length = 0;
    const client = createTeamClient({ url: server.url, fingerprint: pinned.fingerprint });
    const result = await client.call('systems.list', {});
    expect(result.ok ? null : result.error).toEqual({
      code: 'UNAUTHORIZED',
      message: `Sign in to the team server at ${server.url} first (Settings → Use a team server), or stop using it to work on your own file.`,
    });
    expect(server.seen).toEqual([]);
  });

  it("surfaces the server's refusal of a wrong password unchanged", async () => {
    const client = createTeamClient({ url: server.url, fingerprint: pinned.fingerprint });
    const result = await client.signIn(stubAccount.login, 'not the password at all');
    expect(result.ok ? null : result.error).toEqual({ code: 'UNAUTHORIZED', message: 'The login or password is wrong.' });
    expect(client.account()).toBeNull();
  });

  it('when the session expires: the call returns SESSION_EXPIRED, the client forgets the session and says why', async () => {
    const client = createTeamClient({ url: server.url, fingerprint: pinned.fingerprint });
    await client.signIn(stubAccount.login, stubPassword);
    server.expireSessions();
    const result = await client.call('systems.list', {});
    expect(result.ok ? null : result.error.code).toBe('SESSION_EXPIRED');
    expect(client.account()).toBeNull();
    expect(client.notice()).toBe(`Your session ended after 30 minutes without activity. Sign in again to the team server at ${server.url}.`);
    // The next call does not even try with the dead cookie.
    server.seen.length = 0;
    expect((await client.call('systems.list', {})).ok).toBe(false);
    expect(server.seen).toEqual([]);
  });

  it('signs out: tells the server with the CSRF token and forgets the session', async () => {
    const client = createTeamClient({ url: server.url, fingerprint: pinned.fingerprint });
    await client.signIn(stubAccount.login, stubPassword);
    server.seen.length = 0;
    expect(await client.signOut()).toEqual({ ok: true, value: null });
    expect(server.seen.map((r) => r.path)).toEqual(['/auth/sign-out']);
    expect(server.seen[0]?.headers['x-vigil-csrf']).toBeTruthy();
    expect(client.account()).toBeNull();
    expect((await client.call('systems.list', {})).ok).toBe(false);
  });

  it('a server that does not answer: the check of its session fails in words', async () => {
    const port = await closedPort();
    const client = createTeamClient({ url: `https://127.0.0.1:${port}`, fingerprint: pinned.fingerprint });
    const result = await client.session();
    expect(result.ok ? null : result.error).toEqual({
      code: 'SERVER_UNREACHABLE',
      message: `The team server at https://127.0.0.1:${port} did not answer (connection refused: is the server running?); your own file is unchanged.`,
    });
  });

  it('refuses an answer larger than its cap, and a call larger than the server takes, in words', async () => {
    server.answerRpc(() => ({ ok: true, value: 'x'.repeat(10_000) }));
    try {
      const roomy = createTeamClient({ url: server.url, fingerprint: pinned.fingerprint, limits: { maxResponseBytes: 1024, maxRequestBytes: 4096 } });
      await roomy.signIn(stubAccount.login, stubPassword);
      const big = await roomy.call('evidence.get', { id: 'EV-1' });
      expect(big.ok ? null : big.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(big.ok ? null : big.error.message).toContain('sent more than');
      const upload = await roomy.call('evidence.add', { dataBase64: 'A'.repeat(10_000) });
      expect(upload.ok ? null : upload.error.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      server.answerRpc((method, input) => ({ ok: true, value: { method, input } }));
    }
  });

  it('refuses a server that does not answer as a Vigil team server', async () => {
    const stranger = createHttpsServer({ cert: pinned.cert, key: pinned.key }, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>Welcome to nginx</html>');
    });
    await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(stranger.address() as AddressInfo).port}`;
    try {
      const result = await createTeamClient({ url, fingerprint: pinned.fingerprint }).session();
      expect(result.ok ? null : result.error.message).toBe(`The team server at ${url} answered 200 with something that is not Vigil's (is this address a Vigil team server?); your own file is unchanged.`);
    } finally {
      stranger.close();
    }
  });
});
