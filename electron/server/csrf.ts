import type { IncomingMessage } from 'node:http';
import { RequestRefused, sameSecret } from './http-common.ts';

/** The header every POST but the password sign-in carries: the session's CSRF token. */
export const csrfHeader = 'x-vigil-csrf';

/** The names (host:port) and origins (scheme://host:port) this server answers as. */
export interface ServerOrigins {
  hosts: ReadonlySet<string>;
  origins: ReadonlySet<string>;
}

/** Host on every request: a page from another name resolving to this address (DNS rebinding) is refused. */
export function checkHost(req: IncomingMessage, allowed: ServerOrigins): void {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowed.hosts.has(host)) {
    throw new RequestRefused('FORBIDDEN', `Host "${req.headers.host ?? ''}" is not this Vigil server.`);
  }
}

/**
 * A request that acts (every POST) or reads a session's secrets must come from this server's own
 * pages: Origin, when the browser sends it, is ours, and the browser does not say another site
 * started it. Top-level navigations (a link in an email, the provider's redirect back) are GETs
 * of pages and never reach here.
 */
export function checkSameOrigin(req: IncomingMessage, allowed: ServerOrigins): void {
  const origin = req.headers.origin;
  if (origin !== undefined && !allowed.origins.has(origin.toLowerCase())) {
    throw new RequestRefused('FORBIDDEN', `Origin "${origin}" may not call this Vigil server.`);
  }
  if (req.headers['sec-fetch-site'] === 'cross-site') {
    throw new RequestRefused('FORBIDDEN', 'Cross-site requests are refused.');
  }
}

/**
 * The session's CSRF token in `X-Vigil-CSRF`: a form or script on another site cannot read it (it
 * comes only from GET /auth/session and the sign-in answers, same-origin), so it cannot send it.
 */
export function checkCsrf(req: IncomingMessage, expected: string): void {
  const given = req.headers[csrfHeader];
  if (typeof given !== 'string' || given === '') {
    throw new RequestRefused('FORBIDDEN', 'This request has no CSRF token (the X-Vigil-CSRF header); reload the page and try again.');
  }
  if (!sameSecret(given, expected)) {
    throw new RequestRefused('FORBIDDEN', 'The CSRF token (the X-Vigil-CSRF header) is not this session\'s; reload the page and try again.');
  }
}
