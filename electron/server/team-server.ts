import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { maxBodyBytesFor, maxBodyValuesFor, type VigilError } from '../contract/index.ts';
import type { AccountAuthority, ResumedSession } from '../core/accounts/account-authority.ts';
import type { Core } from '../core/create-core.ts';
import { checkCsrf, checkHost, checkSameOrigin, type ServerOrigins } from './csrf.ts';
import {
  answerRequest,
  closeServer,
  listen,
  readJsonBody,
  RequestRefused,
  rpcMethodOf,
  securityHeaders,
  sendError,
  sendJson,
  serveStatic,
  type Headers,
} from './http-common.ts';
import { createJsonBodyParser } from './json-body-parser.ts';
import { httpStatusFor } from './http-status.ts';
import { oidcCallbackPage } from './oidc-callback-page.ts';
import { createOidcFlow, type OidcSettings } from './oidc-sign-in.ts';
import {
  clearedOidcCookie,
  clearedSessionCookie,
  oidcCookie,
  oidcCookieName,
  readCookies,
  sessionCookie,
  sessionCookieName,
} from './session-cookies.ts';
import { createSignInRateLimit, type SignInRateLimit } from './sign-in-rate-limit.ts';

/** What the team server asks of the accounts core: sign-ins, resuming a session from its cookie, sign-out. */
export type TeamAuthority = Pick<AccountAuthority, 'signInWithPassword' | 'signInWithOidc' | 'resumeSession' | 'signOut'>;

export interface TeamServerOptions {
  dispatch: Core['dispatch'];
  authority: TeamAuthority;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Certificate and key (PEM); null serves plain HTTP, which is allowed on loopback only. */
  tls: { cert: string | Buffer; key: string | Buffer } | null;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (the kernel picks). */
  port?: number;
  /** The address browsers use (behind a proxy or by DNS name); default scheme://host:port. */
  publicUrl?: string;
  oidc?: OidcSettings | null;
  /** Largest request body accepted, in bytes, for every method; by default each method's own (`maxBodyBytesFor`). */
  maxBodyBytes?: number;
  /** Injected in tests (a clock they move on); default 10 sign-ins a minute per address. */
  signInRateLimit?: SignInRateLimit;
  /** A client that has not sent its headers by then (default 20 s), or the whole request (default 5 min), is cut off. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  onInternalError?: (what: string, error: unknown) => void;
}

export interface RunningTeamServer {
  port: number;
  /** The address browsers use: https://host:port (the public URL when one was given). */
  url: string;
  close(): Promise<void>;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

/** Strict-Transport-Security: a year; no includeSubDomains (a hospital's other hosts are not ours to decide). */
const hsts = 'max-age=31536000';

/**
 * The team server: the renderer, `/auth/*` and `POST /rpc/:method` over HTTPS, every call under
 * the signed-in account. Checks run before anything reaches the core: Host on every request;
 * same-origin, session and CSRF token on every POST (but the password sign-in, which has no
 * session yet and is rate-limited instead); bodies capped; slow clients cut off.
 */
export async function startTeamServer(options: TeamServerOptions): Promise<RunningTeamServer> {
  const host = options.host ?? '127.0.0.1';
  if (!options.tls && !loopbackHosts.has(host)) {
    throw new Error(`Plain HTTP is served on loopback only; ${host} needs a certificate (--cert and --key).`);
  }
  const scheme = options.tls ? 'https' : 'http';
  const rateLimit = options.signInRateLimit ?? createSignInRateLimit();
  // Large bodies (files) are parsed in a worker, started at the first one, stopped with the server.
  const bodies = createJsonBodyParser();
  const oidc = options.oidc ? createOidcFlow(options.oidc) : null;
  const extraHeaders: Headers = options.tls ? { 'Strict-Transport-Security': hsts } : {};
  let origins: ServerOrigins = { hosts: new Set(), origins: new Set() };
  let publicUrl = '';

  const signInOptions = { password: true, oidc: oidc ? { label: oidc.label } : null };
  const signedOut = { mode: 'team', signedIn: false, signIn: signInOptions };
  const signedIn = (session: ResumedSession) => ({
    mode: 'team',
    signedIn: true,
    account: session.account,
    csrfToken: session.csrfToken,
    idleExpiresAt: session.idleExpiresAt,
    expiresAt: session.expiresAt,
    signIn: signInOptions,
  });
  const addressOf = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) =>
    sendJson(res, status, body, { ...extraHeaders, ...headers });
  // The core's details travel on (attempts left, locked until): the page words them without reading the message.
  const refusal = (error: VigilError, headers: Headers = {}) => new RequestRefused(error.code, error.message, headers, error.details);

  const countSignIn = (req: IncomingMessage) => {
    const wait = rateLimit.attempt(addressOf(req));
    if (wait !== null) {
      throw new RequestRefused('RATE_LIMITED', `Too many sign-in attempts from this address; try again in ${wait} seconds.`, {
        'Retry-After': String(wait),
      });
    }
  };

  /** The session the cookie names; refusals clear the cookie so the page starts again at sign-in. */
  const requireSession = async (req: IncomingMessage): Promise<{ token: string; session: ResumedSession }> => {
    const token = readCookies(req).get(sessionCookieName);
    if (!token) throw new RequestRefused('UNAUTHORIZED', 'You are not signed in.');
    const resumed = await options.authority.resumeSession(token);
    if (!resumed.ok) throw refusal(resumed.error, sessionGone(resumed.error) ? { 'Set-Cookie': clearedSessionCookie() } : {});
    return { token, session: resumed.value };
  };

  /** A new sign-in in a browser that still had a session (another person at the same desk) ends that one. */
  const endPrevious = async (req: IncomingMessage) => {
    const previous = readCookies(req).get(sessionCookieName);
    if (previous) await options.authority.signOut(previous, addressOf(req));
  };

  const handleSession = async (req: IncomingMessage, res: ServerResponse) => {
    checkSameOrigin(req, origins);
    const token = readCookies(req).get(sessionCookieName);
    if (!token) return json(res, 200, signedOut);
    const resumed = await options.authority.resumeSession(token);
    if (resumed.ok) return json(res, 200, signedIn(resumed.value));
    // The database is unreachable (or the like): the session may be fine, so keep the cookie.
    if (!sessionGone(resumed.error)) throw refusal(resumed.error);
    // Ended, timed out or unknown: the page shows sign-in, saying why.
    json(res, 200, { ...signedOut, ended: resumed.error }, { 'Set-Cookie': clearedSessionCookie() });
  };

  const handlePassword = async (req: IncomingMessage, res: ServerResponse) => {
    checkSameOrigin(req, origins);
    countSignIn(req);
    const body = await readJsonBody(req, 16 * 1024, bodies);
    const { login, password } = (body ?? {}) as { login?: unknown; password?: unknown };
    if (typeof login !== 'string' || typeof password !== 'string' || login.trim() === '' || password === '') {
      throw new RequestRefused('VALIDATION_FAILED', 'Give your login and your password.');
    }
    const granted = await options.authority.signInWithPassword({ login, password, address: addressOf(req) });
    if (!granted.ok) throw refusal(granted.error);
    await endPrevious(req);
    json(res, 200, signedIn(granted.value), { 'Set-Cookie': sessionCookie(granted.value.token) });
  };

  /** A page for a person who navigated here (single sign-on): refusals in words, not JSON. */
  const page = (res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]>) => {
    res.writeHead(status, {
      ...securityHeaders,
      ...extraHeaders,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(html),
      'Cache-Control': 'no-store',
      ...headers,
    });
    res.end(html);
  };

  /** Runs a single sign-on step; a refusal becomes the page that says why (and clears the sign-in in progress). */
  const signOnStep = async (res: ServerResponse, step: () => Promise<void>) => {
    try {
      await step();
    } catch (error) {
      if (!(error instanceof RequestRefused)) throw error;
      page(res, httpStatusFor[error.error.code], oidcCallbackPage(error.error.message), { ...error.headers, 'Set-Cookie': clearedOidcCookie() });
    }
  };

  const handleOidcStart = (req: IncomingMessage, res: ServerResponse) =>
    signOnStep(res, async () => {
      if (!oidc) throw new RequestRefused('NOT_FOUND', 'Single sign-on is not set up on this server.');
      checkSameOrigin(req, origins);
      const started = await oidc.start(`${publicUrl}/auth/oidc/callback`);
      res.writeHead(302, {
        ...securityHeaders,
        ...extraHeaders,
        Location: started.location,
        'Set-Cookie': oidcCookie(started.cookieValue),
        'Cache-Control': 'no-store',
      });
      res.end();
    });

  /** The provider's redirect back: the session cookie, and a page that moves on to `/`. */
  const handleOidcCallback = (req: IncomingMessage, res: ServerResponse) =>
    signOnStep(res, async () => {
      if (!oidc) throw new RequestRefused('NOT_FOUND', 'Single sign-on is not set up on this server.');
      countSignIn(req);
      const identity = await oidc.finish(new URL(req.url ?? '/', publicUrl), readCookies(req).get(oidcCookieName));
      const granted = await options.authority.signInWithOidc({ ...identity, address: addressOf(req) });
      if (!granted.ok) throw refusal(granted.error);
      await endPrevious(req);
      page(res, 200, oidcCallbackPage(null), { 'Set-Cookie': [sessionCookie(granted.value.token), clearedOidcCookie()] });
    });

  const handleSignOut = async (req: IncomingMessage, res: ServerResponse) => {
    checkSameOrigin(req, origins);
    const { token, session } = await requireSession(req);
    checkCsrf(req, session.csrfToken);
    const ended = await options.authority.signOut(token, addressOf(req));
    if (!ended.ok) throw refusal(ended.error);
    json(res, 200, signedOut, { 'Set-Cookie': clearedSessionCookie() });
  };

  const handleRpc = async (req: IncomingMessage, res: ServerResponse, method: string) => {
    checkSameOrigin(req, origins);
    const { session } = await requireSession(req);
    checkCsrf(req, session.csrfToken);
    const input = await readJsonBody(req, options.maxBodyBytes ?? maxBodyBytesFor(method), bodies, maxBodyValuesFor(method));
    const { account } = session;
    const result = await options.dispatch(method, input, { actor: `team:${account.login}`, account });
    if (result.ok) json(res, 200, result);
    else sendError(res, result.error, extraHeaders);
  };

  const routes: Record<string, { method: string; handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> }> = {
    '/auth/session': { method: 'GET', handle: handleSession },
    '/auth/password': { method: 'POST', handle: handlePassword },
    '/auth/oidc/start': { method: 'GET', handle: handleOidcStart },
    '/auth/oidc/callback': { method: 'GET', handle: handleOidcCallback },
    '/auth/sign-out': { method: 'POST', handle: handleSignOut },
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    answerRequest(
      req,
      res,
      async () => {
        checkHost(req, origins);
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
        if (route) {
          if (req.method !== route.method) throw new RequestRefused('BAD_REQUEST', `${path} takes ${route.method}.`);
          return route.handle(req, res);
        }
        const method = rpcMethodOf(req, path);
        if (method !== null) return handleRpc(req, res, method);
        if (req.method === 'POST') throw new RequestRefused('NOT_FOUND', `Nothing to POST to at ${path}.`);
        await serveStatic(req, res, options.staticDir, path, extraHeaders);
      },
      { headers: extraHeaders, onInternalError: (error) => options.onInternalError?.(`${req.method ?? ''} ${req.url ?? ''}`, error) },
    );
  };

  // A client that trickles its headers or body cannot hold a connection open for long; the
  // timeouts are checked every quarter of the headers timeout (Node's default is every 30 s).
  const headersTimeout = options.headersTimeoutMs ?? 20_000;
  const timeouts = {
    headersTimeout,
    requestTimeout: options.requestTimeoutMs ?? 5 * 60_000,
    keepAliveTimeout: 5_000,
    connectionsCheckingInterval: Math.max(100, Math.floor(headersTimeout / 4)),
  };
  const server: Server = options.tls
    ? createHttpsServer({ ...timeouts, cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, onRequest)
    : createHttpServer(timeouts, onRequest);

  const port = await listen(server, options.port ?? 0, host);
  const bound = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const publicBase = new URL(options.publicUrl ?? `${scheme}://${host === '0.0.0.0' || host === '::' ? 'localhost' : bound}`);
  publicUrl = publicBase.origin;
  const hosts = new Set([publicBase.host.toLowerCase()]);
  const allowedOrigins = new Set([publicBase.origin.toLowerCase()]);
  // On loopback, both names for it are this server (as in browser mode).
  if (loopbackHosts.has(host)) {
    for (const name of ['127.0.0.1', 'localhost']) {
      hosts.add(`${name}:${port}`);
      allowedOrigins.add(`${scheme}://${name}:${port}`);
    }
  }
  origins = { hosts, origins: allowedOrigins };

  return {
    port,
    url: publicUrl,
    close: async () => {
      await closeServer(server);
      await bodies.close();
    },
  };
}

/** The session is over for good (ended, timed out, unknown), as opposed to the core being unable to say. */
const sessionGone = (error: VigilError) => error.code === 'UNAUTHORIZED' || error.code === 'SESSION_EXPIRED';
