import type { IncomingMessage } from 'node:http';

/*
 * The team server's cookies. `__Host-` makes the browser refuse them unless they are Secure,
 * Path=/ and carry no Domain, so no other host (a sibling subdomain) can plant or read them.
 */

/** The session: 32 random bytes, base64url; only its SHA-256 is stored (the accounts core). */
export const sessionCookieName = '__Host-vigil-session';
/** The sign-in through single sign-on in progress: state, nonce and PKCE verifier. */
export const oidcCookieName = '__Host-vigil-oidc';

/** The cookies a request carries, by name (the first of a repeated name wins). */
export function readCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name !== '' && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/**
 * The session cookie: HttpOnly (page code never sees it), Secure, SameSite=Strict (never sent on
 * a request another site started). No Max-Age: the server ends sessions (idle and absolute
 * timeouts); the browser forgets it when it closes.
 */
export const sessionCookie = (token: string): string => `${sessionCookieName}=${token}; Path=/; HttpOnly; Secure; SameSite=Strict`;

export const clearedSessionCookie = (): string => `${sessionCookieName}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0`;

/**
 * Lax, not Strict: the provider's redirect back to the callback is a cross-site navigation, and
 * the cookie must come with it. Ten minutes is enough to sign in at the provider.
 */
export const oidcCookie = (value: string, maxAgeSeconds = 600): string =>
  `${oidcCookieName}=${value}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${maxAgeSeconds}`;

export const clearedOidcCookie = (): string => `${oidcCookieName}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
