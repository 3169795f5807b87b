import { isVigilError, type VigilError } from '../../../electron/contract/index.ts';
import { parseSessionAnswer, type SessionAnswer } from './session-answer.ts';
import { csrfHeader } from './team-http-client.ts';
import { retryAfterSeconds, signInRefusal } from './team-messages.ts';
import type { TeamStore } from './team-session-store.ts';

/** The team server's sign-in endpoints (docs/team-mode.md), relative to the page. */
export const authPaths = {
  session: './auth/session',
  password: './auth/password',
  oidcStart: './auth/oidc/start',
  signOut: './auth/sign-out',
} as const;

/** The server's clock from an answer's Date header (for the idle estimate), when it sent one. */
function serverNow(response: Response): number | undefined {
  const at = Date.parse(response.headers.get('Date') ?? '');
  return Number.isNaN(at) ? undefined : at;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}

/** The refusal in a body (`{ ok: false, error }` or `{ error }`), or one in words for an unreadable answer. */
function refusalIn(body: unknown, status: number): VigilError {
  if (typeof body === 'object' && body !== null && 'error' in body && isVigilError((body as { error: unknown }).error)) {
    return (body as { error: VigilError }).error;
  }
  return { code: 'INTERNAL', message: `The team server answered ${status} without saying why. Try again, or ask your administrator.` };
}

const unreachable = (error: unknown) =>
  `The team server did not answer (${error instanceof Error ? error.message : String(error)}). Check the network and try again.`;

/** What `GET ./auth/session` found. */
export type Probe =
  | { kind: 'team'; answer: SessionAnswer; serverNow?: number }
  /** A team server that could not say (its database unreachable): the page says so rather than guess. */
  | { kind: 'unavailable'; message: string }
  /** Not a team server (browser mode answers 404), or nothing answered. */
  | { kind: 'none' };

/** `GET ./auth/session`: is this page on a team server, and who is signed in? */
export async function probeSession(fetchFn: typeof fetch = fetch): Promise<Probe> {
  let response: Response;
  try {
    response = await fetchFn(authPaths.session, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch {
    return { kind: 'none' };
  }
  const body = await readJson(response);
  if (!response.ok) {
    // Browser mode's 404 is "not a team server"; a server error with Vigil's refusal is a team server in trouble.
    const trouble = response.status >= 500 && typeof body === 'object' && body !== null && 'error' in body && isVigilError((body as { error: unknown }).error);
    return trouble ? { kind: 'unavailable', message: refusalIn(body, response.status).message } : { kind: 'none' };
  }
  const answer = parseSessionAnswer(body);
  if (!answer) return { kind: 'none' };
  const now = serverNow(response);
  return now === undefined ? { kind: 'team', answer } : { kind: 'team', answer, serverNow: now };
}

/** Sign in with a login and password; on success the store holds the session. Else the refusal in words. */
export async function signInWithPassword(
  store: TeamStore,
  credentials: { login: string; password: string },
  fetchFn: typeof fetch = fetch,
  now: () => number = Date.now,
): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  let response: Response;
  try {
    response = await fetchFn(authPaths.password, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(credentials),
    });
  } catch (error) {
    return { ok: false, code: 'INTERNAL', message: unreachable(error) };
  }
  const body = await readJson(response);
  const answer = response.ok ? parseSessionAnswer(body) : null;
  if (answer?.signedIn) {
    store.accept(answer, serverNow(response));
    return { ok: true };
  }
  const refusal = refusalIn(body, response.status);
  return { ok: false, code: refusal.code, message: signInRefusal(refusal, retryAfterSeconds(response.headers.get('Retry-After'), now()), now()) };
}

/**
 * End the session on the server, then show the sign-in page. A session the server already
 * ended (401) counts as signed out; a server that does not answer is reported, since the
 * session would still be alive there.
 */
export async function signOut(store: TeamStore, fetchFn: typeof fetch = fetch): Promise<void> {
  const session = store.get().session;
  let response: Response;
  try {
    response = await fetchFn(authPaths.signOut, {
      method: 'POST',
      credentials: 'same-origin',
      headers: session ? { [csrfHeader]: session.csrfToken } : {},
    });
  } catch (error) {
    throw new Error(`You are still signed in: ${unreachable(error)}`, { cause: error });
  }
  if (!response.ok && response.status !== 401) {
    throw new Error(`You are still signed in: ${refusalIn(await readJson(response), response.status).message}`);
  }
  store.end('You signed out.');
}
