// Team mode in the page: a page that is neither Electron nor opened with browser mode's
// #token= asks ./auth/session; a team server's answer starts team mode, anything else browser
// mode. The team client sends the session cookie and CSRF token and, when the server says the
// session is over, sends the person back to the sign-in page with the reason in words.
import { describe, expect, it } from 'vitest';
import type { Person, SignedInAccount } from '../../electron/contract/index.ts';
import { ApiError, type ApiClient } from '../../renderer/src/api/api-client.ts';
import { chooseStart } from '../../renderer/src/api/choose-client.ts';
import { withActing } from '../../renderer/src/api/with-acting.ts';
import { resolveTeamActing } from '../../renderer/src/acting/acting-as.ts';
import { parseSessionAnswer, type SessionAnswer } from '../../renderer/src/team/session-answer.ts';
import { signInWithPassword, signOut } from '../../renderer/src/team/team-auth.ts';
import { createTeamHttpClient } from '../../renderer/src/team/team-http-client.ts';
import { retryAfterSeconds, sessionEndedMessage, signInRefusal } from '../../renderer/src/team/team-messages.ts';
import { createTeamStore, estimateIdleMinutes } from '../../renderer/src/team/team-session-store.ts';

interface Sent {
  url: string;
  init: RequestInit | undefined;
}
type Answer = { status: number; body: unknown; headers?: Record<string, string> } | Error;

/** A fetch that records each request and answers from the script, in order (the last answer repeats). */
function scriptedFetch(...answers: Answer[]) {
  const sent: Sent[] = [];
  const fn = (async (url: string, init?: RequestInit) => {
    sent.push({ url, init });
    const answer = answers[Math.min(sent.length - 1, answers.length - 1)];
    if (!answer) throw new Error('no answer scripted');
    if (answer instanceof Error) throw answer;
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return new Response(text, { status: answer.status, headers: { 'Content-Type': 'application/json', ...answer.headers } });
  }) as unknown as typeof fetch;
  return { sent, fn };
}

const ana: SignedInAccount = { id: 'ACC-ANA00001', login: 'ana', name: 'Ana Reyes', roles: ['reviewer', 'assessor'], administrator: true };
const signInOptions = { password: true, oidc: null };
const now = Date.parse('2026-12-06T10:00:00Z');
const signedIn = (csrfToken = 'csrf-1'): SessionAnswer => ({
  mode: 'team',
  signedIn: true,
  account: ana,
  csrfToken,
  idleExpiresAt: '2026-12-06T10:30:00Z',
  expiresAt: '2026-12-06T22:00:00Z',
  signIn: signInOptions,
});
const signedOut: SessionAnswer = { mode: 'team', signedIn: false, signIn: { password: true, oidc: { label: 'Hospital SSO' } } };
const refusal = (code: string, message: string, details?: Record<string, unknown>) => ({ ok: false, error: { code, message, ...(details ? { details } : {}) } });

function fakeWindow(hash: string, vigil?: object, kept?: string) {
  const items = new Map<string, string>(kept ? [['vigil.session-token', kept]] : []);
  const storage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  } as Storage;
  return {
    location: { hash, pathname: '/', search: '' },
    history: { replaceState: () => undefined },
    sessionStorage: storage,
    ...(vigil ? { vigil } : {}),
  } as unknown as Window;
}

async function refused(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

describe('mode detection', () => {
  it('uses the desktop bridge, or browser mode with a #token= (or one this tab kept), without asking the server', async () => {
    const fetch = scriptedFetch({ status: 200, body: signedOut });
    const desktop = await chooseStart(fakeWindow('', {}), fetch.fn);
    expect(desktop.mode === 'client' && desktop.client.transport).toBe('ipc');
    const browser = await chooseStart(fakeWindow('#token=launch-1'), fetch.fn);
    expect(browser.mode === 'client' && browser.client.transport).toBe('http');
    const reloaded = await chooseStart(fakeWindow('#/systems', undefined, 'launch-1'), fetch.fn);
    expect(reloaded.mode === 'client' && reloaded.client.transport).toBe('http');
    expect(fetch.sent).toEqual([]);
  });

  it('asks ./auth/session otherwise, and a team answer (signed in or not) starts team mode', async () => {
    for (const answer of [signedOut, signedIn(), { ok: true, value: signedIn() }]) {
      const fetch = scriptedFetch({ status: 200, body: answer, headers: { Date: new Date(now).toUTCString() } });
      const start = await chooseStart(fakeWindow('#/systems'), fetch.fn);
      expect(fetch.sent.map((s) => s.url)).toEqual(['./auth/session']);
      expect(fetch.sent[0]?.init?.credentials).toBe('same-origin');
      expect(start.mode).toBe('team');
      if (start.mode === 'team') expect(start.serverNow).toBe(now);
    }
  });

  it("goes on as browser mode when the server answers 404 (vigil serve), something else, or nothing", async () => {
    for (const answer of [
      { status: 404, body: refusal('NOT_FOUND', 'No such path') },
      { status: 200, body: '<!doctype html>' },
      { status: 200, body: { mode: 'browser' } },
      { status: 200, body: { mode: 'team', signedIn: true, signIn: signInOptions } },
      new TypeError('Failed to fetch'),
    ] satisfies Answer[]) {
      const start = await chooseStart(fakeWindow(''), scriptedFetch(answer).fn);
      expect(start.mode === 'client' && start.client.transport).toBe('http');
    }
  });

  it('says a team server is unavailable when it answers its session check with a server error', async () => {
    const outage = scriptedFetch({ status: 500, body: refusal('INTERNAL', 'Vigil could not reach the team database.') });
    expect(await chooseStart(fakeWindow(''), outage.fn)).toEqual({ mode: 'teamUnavailable', message: 'Vigil could not reach the team database.' });
    const proxy = await chooseStart(fakeWindow(''), scriptedFetch({ status: 502, body: '<html>Bad gateway</html>' }).fn);
    expect(proxy.mode).toBe('client');
  });

  it('reads a session answer only in the shape the design gives', () => {
    expect(parseSessionAnswer(signedIn())).toEqual(signedIn());
    expect(parseSessionAnswer({ ...signedIn(), csrfToken: '' })).toBeNull();
    expect(parseSessionAnswer({ ...signedIn(), account: { ...ana, roles: ['janitor'] } })).toBeNull();
    expect(parseSessionAnswer(null)).toBeNull();
  });
});

describe('team HTTP client', () => {
  it('posts each call with the cookie (same-origin) and the session CSRF token, never a bearer token', async () => {
    const store = createTeamStore(signedIn('csrf-abc'), now);
    const fetch = scriptedFetch({ status: 200, body: { ok: true, value: [{ id: 'SYS-1' }] } });
    const client = createTeamHttpClient(store, fetch.fn, () => now);
    expect(client.transport).toBe('team');
    await expect(client.call('systems.list', { includeArchived: false })).resolves.toEqual([{ id: 'SYS-1' }]);
    const [call] = fetch.sent;
    expect(call?.url).toBe('./rpc/systems.list');
    expect(call?.init?.method).toBe('POST');
    expect(call?.init?.credentials).toBe('same-origin');
    expect(call?.init?.headers).toEqual({ 'Content-Type': 'application/json', 'X-Vigil-CSRF': 'csrf-abc' });
    expect(JSON.parse(String(call?.init?.body))).toEqual({ includeArchived: false });
  });

  it('on SESSION_EXPIRED returns to the sign-in page saying the session ended for inactivity, and refuses the call', async () => {
    const store = createTeamStore(signedIn(), now);
    const fetch = scriptedFetch({ status: 401, body: refusal('SESSION_EXPIRED', 'The session expired') });
    const error = await refused(createTeamHttpClient(store, fetch.fn, () => now + 31 * 60_000).call('systems.list', {}));
    expect(error.error.code).toBe('SESSION_EXPIRED');
    expect(store.get().session).toBeNull();
    expect(store.get().notice).toBe('Your session ended after 30 minutes without activity. Sign in again.');
  });

  it('on UNAUTHORIZED returns to the sign-in page too; other refusals leave the session alone', async () => {
    const store = createTeamStore(signedIn(), now);
    const forbidden = scriptedFetch({ status: 403, body: refusal('FORBIDDEN', 'Only an assessor may answer') });
    expect((await refused(createTeamHttpClient(store, forbidden.fn).call('systems.list', {}))).error.code).toBe('FORBIDDEN');
    expect(store.get().session?.account.login).toBe('ana');
    const unauthorized = scriptedFetch({ status: 401, body: refusal('UNAUTHORIZED', 'No session') });
    await refused(createTeamHttpClient(store, unauthorized.fn).call('systems.list', {}));
    expect(store.get().session).toBeNull();
    expect(store.get().notice).toMatch(/no longer signed in.*Sign in again/);
  });

  it('once signed out, refuses calls without sending them', async () => {
    const store = createTeamStore(signedOut, now);
    const fetch = scriptedFetch({ status: 200, body: { ok: true, value: [] } });
    expect((await refused(createTeamHttpClient(store, fetch.fn).call('systems.list', {}))).error.code).toBe('UNAUTHORIZED');
    expect(fetch.sent).toEqual([]);
  });

  it('names no one acting: withActing leaves team calls as the page made them', async () => {
    const seen: unknown[] = [];
    const team: ApiClient = { transport: 'team', call: async (_m, input) => (seen.push(input), undefined as never) };
    await withActing(team, () => ({ name: 'Someone Else', role: 'assessor' })).call('systems.create', { name: 'Sepsis' } as never);
    expect(seen).toEqual([{ name: 'Sepsis' }]);
  });
});

describe('session timing and words', () => {
  it('estimates the idle timeout from a fresh answer (the server moves it on at most once a minute)', () => {
    expect(estimateIdleMinutes('2026-12-06T10:30:00Z', now)).toBe(30);
    expect(estimateIdleMinutes('2026-12-06T10:29:05Z', now)).toBe(30);
    expect(estimateIdleMinutes('2026-12-06T10:05:00Z', now)).toBe(5);
    expect(estimateIdleMinutes('garbage', now)).toBe(30);
  });

  it('tells an idle end from the absolute one, and prefers what the server says', () => {
    const session = createTeamStore(signedIn(), now).get().session;
    const expired = { code: 'SESSION_EXPIRED' as const, message: 'expired' };
    expect(sessionEndedMessage(expired, session, now + 40 * 60_000)).toBe('Your session ended after 30 minutes without activity. Sign in again.');
    expect(sessionEndedMessage(expired, session, Date.parse('2026-12-06T22:00:01Z'))).toMatch(/longest time a session may last/);
    // The core's reason, in details or (when the server passes only the message) in its words.
    expect(sessionEndedMessage({ ...expired, details: { reason: '12 hours since sign-in' } }, session, now)).toBe(
      'Your session ended 12 hours after you signed in, the longest a session may last. Sign in again.',
    );
    expect(sessionEndedMessage({ code: 'SESSION_EXPIRED', message: 'Your session ended (idle for 1 minutes); sign in again.' }, session, now)).toBe(
      'Your session ended after 1 minute without activity. Sign in again.',
    );
  });

  it('says why a sign-in was refused and what to do', () => {
    expect(signInRefusal({ code: 'UNAUTHORIZED', message: 'x', details: { failedSignIns: 2, allowed: 5 } }, null, now)).toBe(
      'The login or the password is not right. 3 attempts are left before the account locks.',
    );
    const fourth = 'Wrong login or password. (4 of 5 failed sign-ins before the account locks for 15 minutes.)';
    expect(signInRefusal({ code: 'UNAUTHORIZED', message: fourth }, null, now)).toMatch(/1 attempt is left/);
    expect(signInRefusal({ code: 'UNAUTHORIZED', message: '' }, null, now)).toMatch(/login or the password is not right/);
    const lockedMessage = 'Wrong login or password. That was 5 of 5 failed sign-ins: the account is locked until 2026-12-06T10:15:00.000Z, or until an administrator unlocks it.';
    const locked = signInRefusal({ code: 'ACCOUNT_LOCKED', message: lockedMessage }, null, now);
    expect(locked).not.toContain('2026-12-06T');
    expect(locked).toMatch(/^This account is locked until .+ after too many wrong passwords\. Try again then, or ask an administrator to unlock it\.$/);
    expect(signInRefusal({ code: 'RATE_LIMITED', message: 'x' }, 45, now)).toMatch(/^Too many sign-in attempts from this computer\. Try again in 45 seconds \(at .+\)\.$/);
    expect(signInRefusal({ code: 'FORBIDDEN', message: 'Cross-site sign-in refused' }, null, now)).toBe('Cross-site sign-in refused');
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterSeconds('30', now)).toBe(30);
    expect(retryAfterSeconds(new Date(now + 90_000).toUTCString(), now)).toBe(90);
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds('soon', now)).toBeNull();
  });
});

describe('signing in and out', () => {
  it('a right password puts the session in the store; the password goes only to ./auth/password', async () => {
    const store = createTeamStore(signedOut, now);
    const fetch = scriptedFetch({ status: 200, body: signedIn('csrf-new') });
    await expect(signInWithPassword(store, { login: 'ana', password: 'correct horse battery' }, fetch.fn)).resolves.toEqual({ ok: true });
    expect(fetch.sent[0]?.url).toBe('./auth/password');
    expect(JSON.parse(String(fetch.sent[0]?.init?.body))).toEqual({ login: 'ana', password: 'correct horse battery' });
    expect(store.get().session).toMatchObject({ account: ana, csrfToken: 'csrf-new' });
    expect(store.get().signIn).toEqual(signInOptions);
  });

  it('a refusal comes back in words, with the Retry-After of a rate limit', async () => {
    const store = createTeamStore(signedOut, now);
    const limited = scriptedFetch({ status: 429, body: refusal('RATE_LIMITED', 'Too many'), headers: { 'Retry-After': '20' } });
    const result = await signInWithPassword(store, { login: 'ana', password: 'x' }, limited.fn, () => now);
    expect(result).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: expect.stringMatching(/Try again in 20 seconds/) });
    const broken = await signInWithPassword(store, { login: 'ana', password: 'x' }, scriptedFetch({ status: 502, body: 'Bad gateway' }).fn);
    expect(broken).toMatchObject({ ok: false, code: 'INTERNAL', message: expect.stringMatching(/answered 502/) });
    const down = await signInWithPassword(store, { login: 'ana', password: 'x' }, scriptedFetch(new TypeError('Failed to fetch')).fn);
    expect(down).toMatchObject({ ok: false, message: expect.stringMatching(/did not answer \(Failed to fetch\)/) });
    expect(store.get().session).toBeNull();
  });

  it('signing out posts with the CSRF token and shows the sign-in page; a server that does not answer keeps you signed in', async () => {
    const store = createTeamStore(signedIn('csrf-9'), now);
    await expect(signOut(store, scriptedFetch(new TypeError('Failed to fetch')).fn)).rejects.toThrow(/still signed in/);
    expect(store.get().session).not.toBeNull();
    const fetch = scriptedFetch({ status: 200, body: { ok: true, value: null } });
    await signOut(store, fetch.fn);
    expect(fetch.sent[0]).toMatchObject({ url: './auth/sign-out', init: { method: 'POST', headers: { 'X-Vigil-CSRF': 'csrf-9' } } });
    expect(store.get()).toMatchObject({ session: null, notice: 'You signed out.' });
  });
});

describe('who acts in team mode', () => {
  const person = (name: string, active = true): Person =>
    ({ id: `PER-${name.length}`, name, email: '', roles: ['reviewer'], active, createdAt: '', updatedAt: '' }) as unknown as Person;

  it('is the signed-in account, in its first role, whatever this browser chose under Acting as before', () => {
    const acting = resolveTeamActing(ana, [person('Someone Else'), person('ana reyes')]);
    expect(acting.by).toEqual({ name: 'Ana Reyes', role: 'reviewer' });
    expect(acting.person?.name).toBe('ana reyes');
    expect(acting.ready).toBe(true);
    expect(resolveTeamActing({ ...ana, roles: [] }, []).by).toBeNull();
  });
});

describe('a page loaded after its session ended', () => {
  it("shows the server's reason on the sign-in page", () => {
    const ended = { code: 'SESSION_EXPIRED' as const, message: 'Your session ended (idle for 30 minutes); sign in again.' };
    expect(createTeamStore({ ...signedOut, ended }, now).get()).toMatchObject({
      session: null,
      notice: 'Your session ended after 30 minutes without activity. Sign in again.',
    });
    const odd = { code: 'SESSION_EXPIRED' as const, message: 'Ended by the server.' };
    expect(createTeamStore({ ...signedOut, ended: odd }, now).get().notice).toBe('Your session ended (Ended by the server). Sign in again.');
  });

  it("uses the core's words where it gives no count or time", () => {
    expect(signInRefusal({ code: 'UNAUTHORIZED', message: 'This account is deactivated; ask an administrator.' }, null, now)).toBe(
      'This account is deactivated; ask an administrator.',
    );
    expect(signInRefusal({ code: 'ACCOUNT_LOCKED', message: 'The account is locked.' }, null, now)).toBe(
      'The account is locked. Ask an administrator to unlock it, or try again later.',
    );
  });
});

describe('an account holding several roles', () => {
  it('works in the role it picked, if it holds it; otherwise in its first', () => {
    expect(resolveTeamActing(ana, [], JSON.stringify({ name: 'Ana Reyes', role: 'assessor' })).by).toEqual({ name: 'Ana Reyes', role: 'assessor' });
    // A role stored under another name (the desktop's Acting as) never makes anyone else act.
    expect(resolveTeamActing(ana, [], JSON.stringify({ name: 'Someone Else', role: 'assessor' })).by).toEqual({ name: 'Ana Reyes', role: 'assessor' });
    expect(resolveTeamActing(ana, [], JSON.stringify({ name: 'Ana Reyes', role: 'committeeChair' })).by).toEqual({ name: 'Ana Reyes', role: 'reviewer' });
  });
});
