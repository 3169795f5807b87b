import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider, { type ProviderContext } from 'oidc-provider';
import { closeServer, listen } from '../../electron/server/http-common.ts';

/*
 * A real OpenID provider (oidc-provider) on loopback for tests: single sign-on end to end, in the
 * server tests (driven over HTTP by `signInAtProvider`) and in the browser tests. Its login page
 * (the library's development interactions) accepts any password; who signs in is the account
 * id typed as the login, and their claims come from `people`.
 */

export interface ProviderPerson {
  preferred_username?: string;
  email?: string;
  name?: string;
  /** Whatever claim the server maps roles from, e.g. `roles: ['Vigil.Reviewer']`. */
  [claim: string]: unknown;
}

export interface TestOidcProvider {
  /** http://127.0.0.1:PORT — plain HTTP, which the team server accepts for a loopback provider only. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The people the provider knows, by account id (`sub`); change their claims between sign-ins. */
  people: Map<string, ProviderPerson>;
  close(): Promise<void>;
}

export async function startTestOidcProvider(options: { redirectUris: string[]; people: Record<string, ProviderPerson> }): Promise<TestOidcProvider> {
  const clientId = 'vigil-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const people = new Map(Object.entries(options.people));
  // The issuer names the port, so the port is taken first and the provider made for it.
  const holder = createServer();
  const port = await listen(holder, 0, '127.0.0.1');
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    findAccount: (_ctx, id) => {
      const person = people.get(id);
      return person ? { accountId: id, claims: () => ({ sub: id, ...people.get(id) }) } : undefined;
    },
    claims: { openid: ['sub'], email: ['email'], profile: ['name', 'preferred_username', 'roles', 'groups'] },
    // Claims in the ID token itself (as Entra ID sends app roles), not only from UserInfo.
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(16).toString('hex')] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    // No consent screen: the test client is first-party.
    loadExistingGrant: async (ctx: ProviderContext) => {
      const accountId = ctx.oidc.session?.accountId;
      const client = ctx.oidc.client;
      if (!accountId || !client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId: client.clientId });
      grant.addOIDCScope('openid email profile');
      grant.addOIDCClaims(['email', 'name', 'preferred_username', 'roles', 'groups']);
      await grant.save();
      return grant;
    },
  });
  holder.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    people,
    close: () => closeServer(holder),
  };
}

/** A cookie jar for one host, ignoring paths (enough to walk a provider's redirects). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
}

/**
 * What a browser does at the provider, over HTTP: opens the authorization URL, signs in as
 * `accountId` on the login page, and follows the redirects until one leaves the provider.
 * Returns that address (the team server's callback with code, state and iss).
 */
export async function signInAtProvider(authorizationUrl: string, accountId: string): Promise<string> {
  const jar = new CookieJar();
  const origin = new URL(authorizationUrl).origin;
  let url = authorizationUrl;
  let init: RequestInit = { method: 'GET' };
  // Budgeted in steps, not time: authorize → login page → submit → resume → back to the client.
  for (let step = 0; step < 10; step++) {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), Cookie: jar.header() } });
    jar.take(res.headers);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin !== origin) return next.href;
      url = next.href;
      init = { method: 'GET' };
      continue;
    }
    const page = await res.text();
    if (res.status === 200 && page.includes('name="prompt" value="login"')) {
      const action = /action="([^"]+)"/.exec(page)?.[1];
      if (!action) throw new Error('the provider’s login page has no form action');
      url = new URL(action, url).href;
      init = {
        method: 'POST',
        body: new URLSearchParams({ prompt: 'login', login: accountId, password: 'any password' }).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      };
      continue;
    }
    throw new Error(`the provider answered ${res.status} at ${url}: ${page.slice(0, 500)}`);
  }
  throw new Error('the provider never sent the browser back');
}
