import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/contract/index.ts';
import { sessionCookieName } from '../../electron/server/session-cookies.ts';
import { createSignInRateLimit } from '../../electron/server/sign-in-rate-limit.ts';
import { startTeamServer, type RunningTeamServer } from '../../electron/server/team-server.ts';
import { createTeamCore } from '../../electron/core/create-team-core.ts';
import { systemClock } from '../../electron/core/deps.ts';
import { fileKeyVault } from '../../electron/core/exchange/key-file-vault.ts';
import { sequentialIds, tempDir, templatesDir } from '../support/core-fixture.ts';
import { cookieFrom, startTeamServerFixture, stopTestPostgres, type TeamResponse, type TeamServerFixture } from '../support/team-server-fixture.ts';

/*
 * The team server over real HTTPS on a real PostgreSQL (one embedded server for this file, one
 * database per fixture): sessions, CSRF, same-origin, rate limit, lockout, sign-out, audit.
 */

let team: TeamServerFixture;

beforeAll(async () => {
  team = await startTeamServerFixture();
});

afterAll(async () => {
  await team?.close();
  await stopTestPostgres();
});

const errorOf = (res: TeamResponse) => (res.json as { ok: false; error: { code: string; message: string } }).error;

const system = { name: 'Sepsis early warning', vendor: 'Acme Health', modelType: 'predictive', dataCategories: ['phi'], worstCredibleHarm: 'serious', timeCritical: true };

describe('team server: password sign-in', () => {
  it('sets the session cookie with every attribute, and stores only the token’s SHA-256', async () => {
    const res = await team.request({ method: 'POST', path: '/auth/password', headers: { Origin: team.url }, body: { login: 'asha', password: team.accounts.assessor.password } });
    expect(res.status).toBe(200);
    const setCookie = (res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${sessionCookieName}=`));
    expect(setCookie).toBeDefined();
    const attributes = setCookie!.split(';').map((a) => a.trim());
    expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict']));
    expect(attributes.some((a) => a.toLowerCase().startsWith('domain='))).toBe(false);
    const token = cookieFrom(res.headers, sessionCookieName)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const body = res.json as { mode: string; signedIn: boolean; account: { login: string; name: string; roles: string[] }; csrfToken: string; idleExpiresAt: string; expiresAt: string };
    expect(body).toMatchObject({ mode: 'team', signedIn: true, account: { login: 'asha', name: 'Asha Assessor', roles: ['assessor'] } });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
    expect(Date.parse(body.expiresAt) - Date.parse(body.idleExpiresAt)).toBeGreaterThan(11 * 3600_000);
    const stored = await team.query<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE csrf_token = $1', [body.csrfToken]);
    expect(stored).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);
  });

  it('GET /auth/session tells a signed-out page how to sign in, and a signed-in one who it is', async () => {
    const out = await team.request({ path: '/auth/session' });
    expect(out.status).toBe(200);
    expect(out.json).toEqual({ mode: 'team', signedIn: false, signIn: { password: true, oidc: null } });
    const client = await team.signIn('reviewer');
    const inside = await team.request({ path: '/auth/session', headers: { Cookie: client.cookie } });
    expect(inside.json).toMatchObject({ mode: 'team', signedIn: true, account: { login: 'ravi', roles: ['reviewer'] }, csrfToken: client.csrfToken });
  });

  it('a wrong password is 401 UNAUTHORIZED and sets no cookie', async () => {
    const res = await team.request({ method: 'POST', path: '/auth/password', headers: { Origin: team.url }, body: { login: 'ravi', password: 'not-the-password-at-all' } });
    expect(res.status).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHORIZED');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('a locked account is refused with 423 ACCOUNT_LOCKED, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const wrong = await team.request({ method: 'POST', path: '/auth/password', headers: { Origin: team.url }, body: { login: 'rosa', password: `wrong-password-${i}-xx` } });
      expect(wrong.status).toBeGreaterThanOrEqual(401);
    }
    const res = await team.request({ method: 'POST', path: '/auth/password', headers: { Origin: team.url }, body: { login: 'rosa', password: team.accounts.riskOwner.password } });
    expect(res.status).toBe(423);
    expect(errorOf(res).code).toBe('ACCOUNT_LOCKED');
    // The core's details reach the page, which says until when without reading the message.
    expect((res.json as { error: { details?: { lockedUntil?: string; failedSignIns?: number } } }).error.details).toMatchObject({ failedSignIns: 5, lockedUntil: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('team server: one session per browser', () => {
  it('signing in again in the same browser ends the session it had', async () => {
    const first = await team.signIn('reviewer');
    const res = await team.request({ method: 'POST', path: '/auth/password', headers: { Origin: team.url, Cookie: first.cookie }, body: { login: 'chen', password: team.accounts.chair.password } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ account: { login: 'chen' } });
    expect(errorOf(await first.call('systems.list', {})).code).toBe('UNAUTHORIZED');
  });
});

describe('team server: calls need a live session', () => {
  it('an RPC call without a session is 401 UNAUTHORIZED, and with an unknown cookie too', async () => {
    const none = await team.request({ method: 'POST', path: '/rpc/systems.list', headers: { Origin: team.url }, body: {} });
    expect(none.status).toBe(401);
    expect(errorOf(none).code).toBe('UNAUTHORIZED');
    const unknown = await team.request({ method: 'POST', path: '/rpc/systems.list', headers: { Origin: team.url, Cookie: `${sessionCookieName}=${'A'.repeat(43)}`, 'X-Vigil-CSRF': 'x' }, body: {} });
    expect(unknown.status).toBe(401);
    expect(errorOf(unknown).code).toBe('UNAUTHORIZED');
  });

  it('a session idle past its timeout is 401 SESSION_EXPIRED and the cookie is cleared', async () => {
    const client = await team.signIn('chair');
    expect((await client.call('systems.list', {})).status).toBe(200);
    team.clock.advance(31 * 60_000);
    const res = await client.call('systems.list', {});
    expect(res.status).toBe(401);
    expect(errorOf(res).code).toBe('SESSION_EXPIRED');
    expect(res.headers['set-cookie']?.some((c) => c.startsWith(`${sessionCookieName}=;`) && c.includes('Max-Age=0'))).toBe(true);
    // Ended for good: moving on does not bring it back.
    expect(errorOf(await client.call('systems.list', {})).code).toBe('UNAUTHORIZED');
  });

  it('a session in use all day still ends at its absolute timeout', async () => {
    const client = await team.signIn('chair');
    let res = await client.call('systems.list', {});
    let steps = 0;
    // Used every 25 minutes (inside the idle timeout): at most 12 h / 25 min calls succeed.
    while (res.status === 200 && steps < 40) {
      team.clock.advance(25 * 60_000);
      res = await client.call('systems.list', {});
      steps++;
    }
    expect(steps).toBe(Math.ceil((12 * 60) / 25));
    expect(errorOf(res).code).toBe('SESSION_EXPIRED');
  });

  it('a call with the session, the CSRF token and the same origin reaches the core under the account', async () => {
    const client = await team.signIn('assessor');
    const res = await client.call('systems.create', system);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: true, value: { name: system.name } });
  });
});

describe('team server: CSRF and same-origin', () => {
  it('a POST without the CSRF token, or with another, is 403 FORBIDDEN and reaches nothing', async () => {
    const client = await team.signIn('assessor');
    const before = await team.query<{ n: string }>('SELECT count(*) AS n FROM systems');
    const missing = await team.request({ method: 'POST', path: '/rpc/systems.create', headers: { Origin: team.url, Cookie: client.cookie }, body: system });
    expect(missing.status).toBe(403);
    expect(errorOf(missing)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('CSRF') });
    const forged = await team.request({
      method: 'POST',
      path: '/rpc/systems.create',
      headers: { Origin: team.url, Cookie: client.cookie, 'X-Vigil-CSRF': client.csrfToken.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) },
      body: system,
    });
    expect(forged.status).toBe(403);
    expect(errorOf(forged).code).toBe('FORBIDDEN');
    // Another session's token is not this one's.
    const other = await team.signIn('reviewer');
    const crossed = await team.request({ method: 'POST', path: '/rpc/systems.create', headers: { Origin: team.url, Cookie: client.cookie, 'X-Vigil-CSRF': other.csrfToken }, body: system });
    expect(crossed.status).toBe(403);
    expect(await team.query('SELECT count(*) AS n FROM systems')).toEqual(before);
  });

  it('refuses cross-site requests: another Origin, Sec-Fetch-Site cross-site, another Host', async () => {
    const client = await team.signIn('assessor');
    const headers = { Cookie: client.cookie, 'X-Vigil-CSRF': client.csrfToken };
    const otherOrigin = await team.request({ method: 'POST', path: '/rpc/systems.list', headers: { ...headers, Origin: 'https://evil.example' }, body: {} });
    expect(otherOrigin.status).toBe(403);
    expect(errorOf(otherOrigin)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('evil.example') });
    const crossSite = await team.request({ method: 'POST', path: '/rpc/systems.list', headers: { ...headers, 'Sec-Fetch-Site': 'cross-site' }, body: {} });
    expect(crossSite.status).toBe(403);
    const rebound = await team.request({ method: 'POST', path: '/rpc/systems.list', headers: { ...headers, Origin: team.url, Host: `evil.example:${team.port}` }, body: {} });
    expect(rebound.status).toBe(403);
    expect(errorOf(rebound).message).toContain('Host');
    // The sign-in too (no session yet): a page elsewhere cannot sign someone in.
    const signIn = await team.request({ method: 'POST', path: '/auth/password', headers: { Origin: 'https://evil.example' }, body: { login: 'asha', password: team.accounts.assessor.password } });
    expect(signIn.status).toBe(403);
    expect(signIn.headers['set-cookie']).toBeUndefined();
    // The same call from the page itself goes through.
    expect((await team.request({ method: 'POST', path: '/rpc/systems.list', headers: { ...headers, Origin: team.url, 'Sec-Fetch-Site': 'same-origin' }, body: {} })).status).toBe(200);
  });

  it('answers with the security headers, the CSP and HSTS over HTTPS', async () => {
    const res = await team.request({ path: '/auth/session' });
    expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    const refused = await team.request({ method: 'POST', path: '/rpc/systems.list', body: {} });
    expect(refused.headers['strict-transport-security']).toBe('max-age=31536000');
  });
});

describe('team server: sign-out and the ledger', () => {
  it('sign-out needs the CSRF token, ends the session, and the old cookie is refused after', async () => {
    const client = await team.signIn('reviewer');
    const noToken = await team.request({ method: 'POST', path: '/auth/sign-out', headers: { Origin: team.url, Cookie: client.cookie } });
    expect(noToken.status).toBe(403);
    const res = await team.request({ method: 'POST', path: '/auth/sign-out', headers: { Origin: team.url, Cookie: client.cookie, 'X-Vigil-CSRF': client.csrfToken } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ mode: 'team', signedIn: false });
    expect(res.headers['set-cookie']?.some((c) => c.startsWith(`${sessionCookieName}=;`) && c.includes('Max-Age=0'))).toBe(true);
    const after = await client.call('systems.list', {});
    expect(after.status).toBe(401);
    expect(errorOf(after).code).toBe('UNAUTHORIZED');
    expect((await team.request({ path: '/auth/session', headers: { Cookie: client.cookie } })).json).toMatchObject({ signedIn: false });
  });

  it('audit events name the account: the sign-in, the change and the sign-out', async () => {
    const client = await team.signIn('assessor');
    const created = await client.call('systems.create', { ...system, name: 'Discharge summary scribe' });
    expect(created.status).toBe(200);
    const id = (created.json as { value: { id: string } }).value.id;
    await team.request({ method: 'POST', path: '/auth/sign-out', headers: { Origin: team.url, Cookie: client.cookie, 'X-Vigil-CSRF': client.csrfToken } });
    const events = await team.query<{ actor: string; action: string; entity: string }>("SELECT actor, action, entity FROM audit_events WHERE actor LIKE '%[asha]%' ORDER BY seq");
    const change = events.find((e) => e.entity === id);
    expect(change).toMatchObject({ actor: 'Asha Assessor (assessor) [asha]' });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['account.signedIn', 'account.signedOut']));
    for (const event of events.filter((e) => e.action.startsWith('account.signed'))) expect(event.actor).toContain('Asha Assessor');
    const signIns = await team.query<{ outcome: string; address: string }>("SELECT outcome, address FROM sign_ins WHERE login = 'asha' ORDER BY seq DESC LIMIT 2");
    expect(signIns.map((s) => s.outcome)).toEqual(['signedOut', 'signedIn']);
    expect(signIns[1]!.address).toMatch(/127\.0\.0\.1/);
  });
});

describe('team server: rate limit, plain HTTP, slow clients', () => {
  let plain: RunningTeamServer;
  let now = 1_000_000;

  const renderer = tempDir('vigil-renderer-');
  writeFileSync(join(renderer.dir, 'index.html'), '<!doctype html><title>vigil-team-index</title>');

  beforeAll(async () => {
    plain = await startTeamServer({
      dispatch: team.core.dispatch,
      authority: team.core.authority,
      staticDir: renderer.dir,
      tls: null,
      signInRateLimit: createSignInRateLimit({ now: () => now }),
      headersTimeoutMs: 400,
    });
  });
  afterAll(async () => {
    await plain?.close();
    renderer.cleanup();
  });

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${plain.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, headers: res.headers, json: (await res.json()) as { error?: { code: string } } };
  };

  it('plain HTTP is served on loopback only, without HSTS', async () => {
    expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${plain.url}/auth/session`);
    expect(res.status).toBe(200);
    expect(res.headers.get('strict-transport-security')).toBeNull();
    await expect(startTeamServer({ dispatch: team.core.dispatch, authority: team.core.authority, staticDir: '/nonexistent', tls: null, host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
  });

  it('serves the renderer to anyone (the page signs in), with the CSP; POSTs elsewhere are refused', async () => {
    const page = await fetch(`${plain.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('vigil-team-index');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect((await fetch(`${plain.url}/nothing-here.js`)).status).toBe(404);
    expect((await post('/auth/session', {})).status).toBe(400);
    expect((await post('/index.html', {})).status).toBe(404);
  });

  it('the eleventh sign-in attempt within a minute from one address is 429 RATE_LIMITED with Retry-After', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await post('/auth/password', { login: 'nobody', password: `guess-number-${i}-xx` });
      expect(res.status).toBe(401);
      now += 1000;
    }
    const limited = await post('/auth/password', { login: 'asha', password: team.accounts.assessor.password });
    expect(limited.status).toBe(429);
    expect(limited.json.error?.code).toBe('RATE_LIMITED');
    expect(limited.headers.get('retry-after')).toBe('50');
    expect(limited.headers.get('set-cookie')).toBeNull();
    // The window opened at the first attempt; once it has passed, the address may try again.
    now += 50_000;
    const again = await post('/auth/password', { login: 'asha', password: team.accounts.assessor.password });
    expect(again.status).toBe(200);
  });

  it('says in a page, not JSON, when the single sign-on provider cannot be reached', async () => {
    const down = await startTeamServer({
      dispatch: team.core.dispatch,
      authority: team.core.authority,
      staticDir: renderer.dir,
      tls: null,
      oidc: { issuer: 'http://127.0.0.1:1', clientId: 'vigil' },
    });
    try {
      const res = await fetch(`${down.url}/auth/oidc/start`, { redirect: 'manual' });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('text/html');
      const html = await res.text();
      expect(html).toContain('could not be reached');
      expect(html).toContain('<a href="/">Back to sign-in</a>');
      expect((await (await fetch(`${down.url}/auth/session`)).json()) as unknown).toMatchObject({ signIn: { oidc: { label: '127.0.0.1' } } });
    } finally {
      await down.close();
    }
  });

  it('keeps the cookie when the database cannot say whether the session lives', async () => {
    const { dir, cleanup } = tempDir();
    const unreachable = createTeamCore({ databaseUrl: 'postgres://vigil@127.0.0.1:1/nowhere', clock: systemClock, ids: sequentialIds(), templatesDir, keyVault: fileKeyVault(join(dir, 'team')) });
    const server = await startTeamServer({ dispatch: unreachable.dispatch, authority: unreachable.authority, staticDir: '/nonexistent', tls: null });
    try {
      const res = await fetch(`${server.url}/auth/session`, { headers: { Cookie: `${sessionCookieName}=${'A'.repeat(43)}` } });
      expect(res.status).toBe(500);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('127.0.0.1:1');
    } finally {
      await server.close();
      await unreachable.shutdown();
      cleanup();
    }
  });

  it('a client that does not finish its headers is cut off', async () => {
    const closed = await new Promise<string>((resolve, reject) => {
      const socket = connect(plain.port, '127.0.0.1', () => socket.write('GET /auth/session HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
      // Only catches a hang: the server cuts it off after 0.4 s.
      setTimeout(() => reject(new Error('the slow client was not cut off')), 60_000).unref();
    });
    expect(closed === '' || closed.startsWith('HTTP/1.1 408')).toBe(true);
  });
});
