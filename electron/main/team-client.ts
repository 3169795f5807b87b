import type { IncomingHttpHeaders } from 'node:http';
import { errorCodes, fail, ok, parseUntrustedJson, SignedInAccount, type ErrorCode, type Result } from '../contract/index.ts';
import { defaultTeamClientLimits, exchange, reasonOf, type Answer, type TeamClientLimits } from './pinned-https.ts';

export const sessionCookieName = '__Host-vigil-session';
export const csrfHeaderName = 'X-Vigil-CSRF';

const knownCodes = new Set<string>(errorCodes);

/** The server's answer as a Result; anything else (an HTML error page, a proxy's reply) in words. */
function readResult(origin: string, answer: Answer): Result<unknown> {
  let parsed: unknown;
  try {
    parsed = parseUntrustedJson(answer.body);
  } catch {
    return fail('SERVER_UNREACHABLE', `The team server at ${origin} answered ${answer.status} with something that is not Vigil's (is this address a Vigil team server?); your own file is unchanged.`);
  }
  if (parsed && typeof parsed === 'object' && 'ok' in parsed) {
    const result = parsed as { ok: unknown; value?: unknown; error?: { code?: unknown; message?: unknown; details?: unknown } };
    if (result.ok === true) return ok(result.value);
    const code = typeof result.error?.code === 'string' && knownCodes.has(result.error.code) ? (result.error.code as ErrorCode) : 'INTERNAL';
    const message = typeof result.error?.message === 'string' ? result.error.message : `The team server refused the call (${answer.status}).`;
    const details = result.error?.details && typeof result.error.details === 'object' ? (result.error.details as Record<string, unknown>) : undefined;
    return fail(code, message, details);
  }
  return ok(parsed);
}

function sessionCookieFrom(headers: IncomingHttpHeaders): string | null | undefined {
  for (const line of headers['set-cookie'] ?? []) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    if (pair.slice(0, at).trim() !== sessionCookieName) continue;
    const value = pair.slice(at + 1).trim();
    // An emptied cookie is the server ending the session.
    return value === '' || /max-age=0/i.test(line) ? null : value;
  }
  return undefined;
}

/** What `GET /auth/session` and `POST /auth/password` answer (docs/team-mode.md). */
interface ServerSession {
  mode: 'team';
  signedIn: boolean;
  account?: SignedInAccount;
  csrfToken?: string;
  signIn?: { password?: boolean };
}

function asServerSession(origin: string, value: unknown): Result<ServerSession> {
  if (!value || typeof value !== 'object' || (value as { mode?: unknown }).mode !== 'team') {
    return fail('BAD_REQUEST', `${origin} is not a Vigil team server (it did not answer as one at /auth/session).`);
  }
  return ok(value as ServerSession);
}

export interface TeamClient {
  readonly url: string;
  readonly fingerprint: string;
  /** Asks the server what it is and whether this client's session is alive. */
  session(): Promise<Result<{ passwordSignIn: boolean; account: SignedInAccount | null }>>;
  signIn(login: string, password: string): Promise<Result<SignedInAccount>>;
  /** A core method on the server: `POST /rpc/:method` with the session cookie and CSRF token. */
  call(method: string, input: unknown): Promise<Result<unknown>>;
  signOut(): Promise<Result<null>>;
  account(): SignedInAccount | null;
  /** Why the client is no longer signed in (the session expired or was ended), once. */
  notice(): string | null;
}

/**
 * The desktop's HTTPS link to one team server, from the main process. The certificate must
 * match the pinned SHA-256 fingerprint on every connection, whoever signed it. The session
 * cookie and CSRF token live only in this object: page code never sees them, and they are not
 * written to disk (a restart asks for the password again, as the idle timeout would soon).
 */
export function createTeamClient(options: { url: string; fingerprint: string; limits?: Partial<TeamClientLimits> }): TeamClient {
  const origin = options.url;
  const pin = options.fingerprint;
  const limits = { ...defaultTeamClientLimits, ...options.limits };
  let cookie: string | null = null;
  let csrf: string | null = null;
  let signedIn: SignedInAccount | null = null;
  let notice: string | null = null;

  const forget = (why: string | null) => {
    cookie = null;
    csrf = null;
    signedIn = null;
    notice = why;
  };
  /** One exchange; a certificate that no longer matches the pin is also kept as the notice Settings shows. */
  const send = async (req: Parameters<typeof exchange>[3]) => {
    const answer = await exchange(origin, pin, limits, req);
    if (!answer.ok && answer.error.code === 'CERTIFICATE_CHANGED') notice = answer.error.message;
    return answer;
  };
  const sessionHeaders = (): Record<string, string> => (cookie && csrf ? { Cookie: `${sessionCookieName}=${cookie}`, [csrfHeaderName]: csrf } : {});

  const adopt = (answer: Answer, session: ServerSession): Result<SignedInAccount | null> => {
    const fresh = sessionCookieFrom(answer.headers);
    if (fresh !== undefined) cookie = fresh;
    if (!session.signedIn) {
      forget(null);
      return ok(null);
    }
    const account = SignedInAccount.safeParse(session.account);
    if (!account.success || typeof session.csrfToken !== 'string' || !cookie) {
      return fail('BAD_REQUEST', `The team server at ${origin} answered a sign-in without the account, session or CSRF token Vigil needs.`);
    }
    csrf = session.csrfToken;
    signedIn = account.data;
    notice = null;
    return ok(account.data);
  };

  return {
    url: origin,
    fingerprint: pin,
    async session() {
      const answer = await send({ method: 'GET', path: '/auth/session', headers: cookie ? { Cookie: `${sessionCookieName}=${cookie}` } : {} });
      if (!answer.ok) return answer;
      const read = readResult(origin, answer.value);
      if (!read.ok) return answer.value.status === 404 ? fail('BAD_REQUEST', `${origin} is not a Vigil team server (it has no /auth/session).`) : read;
      const session = asServerSession(origin, read.value);
      if (!session.ok) return session;
      const wasSignedIn = signedIn !== null;
      const adopted = adopt(answer.value, session.value);
      if (!adopted.ok) return adopted;
      if (wasSignedIn && adopted.value === null) notice = 'Your session on the team server has ended; sign in again.';
      return ok({ passwordSignIn: session.value.signIn?.password !== false, account: adopted.value });
    },
    async signIn(login, password) {
      const answer = await send({ method: 'POST', path: '/auth/password', headers: {}, body: JSON.stringify({ login, password }) });
      if (!answer.ok) return answer;
      const read = readResult(origin, answer.value);
      if (!read.ok) return read;
      const session = asServerSession(origin, read.value);
      if (!session.ok) return session;
      const adopted = adopt(answer.value, session.value);
      if (!adopted.ok) return adopted;
      return adopted.value ? ok(adopted.value) : fail('UNAUTHORIZED', 'The team server did not sign you in.');
    },
    async call(method, input) {
      if (!cookie || !csrf) {
        return fail('UNAUTHORIZED', `Sign in to the team server at ${origin} first (Settings → Use a team server), or stop using it to work on your own file.`);
      }
      let body: string;
      try {
        body = JSON.stringify(input ?? {});
      } catch (error) {
        return fail('BAD_REQUEST', `The call could not be sent: ${reasonOf(error)}`);
      }
      const answer = await send({ method: 'POST', path: `/rpc/${encodeURIComponent(method)}`, headers: sessionHeaders(), body });
      if (!answer.ok) return answer;
      const result = readResult(origin, answer.value);
      if (!result.ok && answer.value.status === 401 && (result.error.code === 'SESSION_EXPIRED' || result.error.code === 'UNAUTHORIZED')) {
        forget(`${result.error.message} Sign in again to the team server at ${origin}.`);
      }
      return result;
    },
    async signOut() {
      if (!cookie || !csrf) {
        forget(null);
        return ok(null);
      }
      const answer = await send({ method: 'POST', path: '/auth/sign-out', headers: sessionHeaders(), body: '{}' });
      // Forgotten here whatever the server says: the person asked to be signed out.
      forget(null);
      if (!answer.ok) return answer;
      const read = readResult(origin, answer.value);
      return read.ok || read.error.code === 'UNAUTHORIZED' || read.error.code === 'SESSION_EXPIRED' ? ok(null) : read;
    },
    account: () => signedIn,
    notice: () => notice,
  };
}
