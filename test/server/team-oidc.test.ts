import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcCookieName, sessionCookieName } from '../../electron/server/session-cookies.ts';
import { mapRoles, parseRoleMap } from '../../electron/server/oidc-sign-in.ts';
import { cookieFrom, startTeamServerFixture, stopTestPostgres, type TeamResponse, type TeamServerFixture } from '../support/team-server-fixture.ts';
import { signInAtProvider, startTestOidcProvider, type TestOidcProvider } from '../support/test-oidc-provider.ts';
import { freePort } from '../support/test-postgres.ts';

/*
 * Single sign-on end to end: a real OpenID provider (oidc-provider) on loopback, the team server
 * over HTTPS on a real PostgreSQL, openid-client between them (discovery, code + PKCE, state,
 * nonce, ID token). Two servers: one that maps roles from a claim (provisions unknown people),
 * one that does not (only accounts an administrator made).
 */

let provider: TestOidcProvider;
let mapped: TeamServerFixture;
let unmapped: TeamServerFixture;

beforeAll(async () => {
  const [mappedPort, unmappedPort] = await Promise.all([freePort(), freePort()]);
  provider = await startTestOidcProvider({
    redirectUris: [`https://127.0.0.1:${mappedPort}/auth/oidc/callback`, `https://127.0.0.1:${unmappedPort}/auth/oidc/callback`],
    people: {
      'idp-asha': { preferred_username: 'asha', email: 'asha@hospital.test', name: 'Asha Assessor' },
      'idp-nina': { preferred_username: 'nina', email: 'nina@hospital.test', name: 'Nina Newcomer', roles: ['Vigil.Reviewer', 'Staff'] },
      'idp-stranger': { preferred_username: 'stranger', email: 'stranger@elsewhere.test', name: 'Sam Stranger' },
    },
  });
  const oidc = { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, label: 'Hospital sign-in' };
  [mapped, unmapped] = await Promise.all([
    startTeamServerFixture({ port: mappedPort, oidc: { ...oidc, roleClaim: 'roles', roleMap: parseRoleMap('Vigil.Reviewer=reviewer,Vigil.Chair=committeeChair') } }),
    startTeamServerFixture({ port: unmappedPort, oidc }),
  ]);
});

afterAll(async () => {
  await Promise.all([mapped?.close(), unmapped?.close()]);
  await provider?.close();
  await stopTestPostgres();
});

/** The whole browser round trip: start at the team server, sign in at the provider, come back. */
async function signInWithSso(team: TeamServerFixture, accountId: string): Promise<{ callback: TeamResponse; cookie: string | undefined }> {
  const start = await team.request({ path: '/auth/oidc/start', headers: { 'Sec-Fetch-Site': 'same-origin' } });
  expect(start.status).toBe(302);
  const pending = cookieFrom(start.headers, oidcCookieName);
  expect(pending).toBeDefined();
  const location = new URL(start.headers.location!);
  expect(location.origin).toBe(provider.issuer);
  expect(Object.fromEntries(location.searchParams)).toMatchObject({
    client_id: provider.clientId,
    response_type: 'code',
    code_challenge_method: 'S256',
    redirect_uri: `${team.url}/auth/oidc/callback`,
    scope: 'openid profile email',
  });
  for (const check of ['state', 'nonce', 'code_challenge']) expect(location.searchParams.get(check)?.length).toBeGreaterThanOrEqual(32);
  const back = new URL(await signInAtProvider(location.href, accountId));
  expect(back.origin).toBe(team.url);
  // The provider's redirect is a cross-site navigation: the Lax cookie comes with it.
  const callback = await team.request({ path: `${back.pathname}${back.search}`, headers: { Cookie: `${oidcCookieName}=${pending}`, 'Sec-Fetch-Site': 'cross-site' } });
  return { callback, cookie: cookieFrom(callback.headers, sessionCookieName) };
}

const sessionOf = async (team: TeamServerFixture, cookie: string) =>
  (await team.request({ path: '/auth/session', headers: { Cookie: `${sessionCookieName}=${cookie}` } })).json as { signedIn: boolean; account?: { login: string; name: string; roles: string[] } };

describe('single sign-on through a real OpenID provider', () => {
  it('offers single sign-on on the sign-in page, by its label', async () => {
    expect((await unmapped.request({ path: '/auth/session' })).json).toEqual({ mode: 'team', signedIn: false, signIn: { password: true, oidc: { label: 'Hospital sign-in' } } });
  });

  it('signs in an account an administrator made, matched by preferred_username, and records the subject', async () => {
    const { callback, cookie } = await signInWithSso(unmapped, 'idp-asha');
    expect(callback.status).toBe(200);
    // The page moves on to / by itself, without script (the CSP allows none inline).
    expect(callback.text).toContain('<meta http-equiv="refresh" content="0; url=/">');
    expect(callback.text).not.toContain('<script');
    expect(callback.headers['content-security-policy']).toContain("script-src 'self'");
    expect(callback.headers['set-cookie']?.some((c) => c.startsWith(`${oidcCookieName}=;`))).toBe(true);
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await sessionOf(unmapped, cookie!)).toMatchObject({ signedIn: true, account: { login: 'asha', roles: ['assessor'] } });
    expect(await unmapped.query('SELECT oidc_subject FROM accounts WHERE login = $1', ['asha'])).toEqual([{ oidc_subject: `${provider.issuer}#idp-asha` }]);
    const events = await unmapped.query<{ actor: string; payload: string }>("SELECT actor, payload FROM audit_events WHERE action = 'account.signedIn' ORDER BY seq DESC LIMIT 1");
    expect(events[0]!.actor).toContain('[asha]');
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ method: 'oidc' });
  });

  it('refuses a person with no account when the server maps no roles, and signs nobody in', async () => {
    const { callback, cookie } = await signInWithSso(unmapped, 'idp-stranger');
    expect(callback.status).toBe(401);
    expect(callback.text).toContain('Single sign-on did not sign you in');
    expect(callback.text).toContain('<a href="/">Back to sign-in</a>');
    expect(cookie).toBeUndefined();
    expect(await unmapped.query("SELECT login FROM accounts WHERE login = 'stranger'")).toEqual([]);
    const refused = await unmapped.query<{ outcome: string; method: string }>("SELECT outcome, method FROM sign_ins WHERE login IN ('stranger', 'stranger@elsewhere.test') ORDER BY seq DESC LIMIT 1");
    expect(refused).toEqual([{ outcome: 'refused', method: 'oidc' }]);
  });

  it('with a role claim mapping, provisions a newcomer with the mapped roles, and roles follow the claim at every sign-in', async () => {
    const first = await signInWithSso(mapped, 'idp-nina');
    expect(first.callback.status).toBe(200);
    expect(await sessionOf(mapped, first.cookie!)).toMatchObject({ signedIn: true, account: { login: 'nina', name: 'Nina Newcomer', roles: ['reviewer'] } });
    provider.people.set('idp-nina', { ...provider.people.get('idp-nina'), roles: ['Vigil.Chair'] });
    const second = await signInWithSso(mapped, 'idp-nina');
    expect(await sessionOf(mapped, second.cookie!)).toMatchObject({ signedIn: true, account: { login: 'nina', roles: ['committeeChair'] } });
    expect(await mapped.query("SELECT count(*)::int AS n FROM accounts WHERE login = 'nina'")).toEqual([{ n: 1 }]);
  });

  it('refuses a callback that did not start here: no cookie, or another sign-in’s state', async () => {
    const start = await unmapped.request({ path: '/auth/oidc/start' });
    const back = new URL(await signInAtProvider(start.headers.location!, 'idp-asha'));
    const withoutCookie = await unmapped.request({ path: `${back.pathname}${back.search}` });
    expect(withoutCookie.status).toBe(401);
    expect(withoutCookie.text).toContain('did not start here');
    const other = await unmapped.request({ path: '/auth/oidc/start' });
    const otherCookie = cookieFrom(other.headers, oidcCookieName)!;
    const crossed = await unmapped.request({ path: `${back.pathname}${back.search}`, headers: { Cookie: `${oidcCookieName}=${otherCookie}` } });
    expect(crossed.status).toBe(401);
    expect(crossed.text).toContain('Single sign-on did not complete');
    expect(cookieFrom(crossed.headers, sessionCookieName)).toBeUndefined();
  });
});

describe('role claim mapping', () => {
  it('parses VALUE=ROLE pairs and refuses unknown roles and malformed pairs', () => {
    expect([...parseRoleMap(' Vigil.Assessor=assessor , grp=a=b=riskOwner ')]).toEqual([
      ['Vigil.Assessor', 'assessor'],
      ['grp=a=b', 'riskOwner'],
    ]);
    expect(() => parseRoleMap('Vigil.Boss=boss')).toThrow(/"boss" is not a role/);
    expect(() => parseRoleMap('justaword')).toThrow(/not CLAIM-VALUE=ROLE/);
    expect(() => parseRoleMap(' , ')).toThrow(/no CLAIM-VALUE=ROLE/);
  });

  it('maps a string or a list, ignores values not listed, and keeps each role once', () => {
    const map = parseRoleMap('A=assessor,B=reviewer,C=assessor');
    expect(mapRoles(['B', 'C', 'A', 'Z', 7], map)).toEqual(['assessor', 'reviewer']);
    expect(mapRoles('B', map)).toEqual(['reviewer']);
    expect(mapRoles(undefined, map)).toEqual([]);
  });
});
