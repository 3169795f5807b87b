import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { describeIssues, fail, LoginName, ok, Password, personName, toFieldIssues, type Account, type Result, type Role, type SignedInAccount, type SignInRecord, type VigilError } from '../../contract/index.ts';
import type { CommandStamp } from '../command-runner.ts';
import type { Clock, IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { Repositories, StoragePort } from '../store/storage-port.ts';
import { accountActor, accountPayload, appendAccountEvent, insertAccount, mustFind, toAccount, toSignedIn } from './account-records.ts';
import type { AccountRecord, SessionRow } from './accounts-repository.ts';
import { lockoutPolicy, lockoutStep } from './lockout.ts';
import { decoyHash, hashPassword, verifyPassword } from './password-hash.ts';

/*
 * What the team server asks of the core about who is signed in (docs/team-mode.md, "Accounts").
 * Not contract methods: nobody calls these through the dispatcher, because they are how a call
 * gets an account to run under in the first place. Every answer is a value (`Result`), as
 * dispatch's are; refusals carry the contract's error codes.
 */

/** How long a session lives: idle (since it was last used) and absolute (since sign-in). */
export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export const defaultSessionPolicy: SessionPolicy = { idleMinutes: 30, absoluteHours: 12 };

/** A live session as the server hands it to the browser (`GET /auth/session`). */
export interface ResumedSession {
  account: SignedInAccount;
  /** Every POST but the sign-in carries it in `X-Vigil-CSRF`. */
  csrfToken: string;
  /** When the session ends if it is not used again (ISO 8601). */
  idleExpiresAt: string;
  /** When the session ends whatever happens (ISO 8601). */
  expiresAt: string;
}

/** A session just begun: as resumed, plus the cookie value (only its SHA-256 is stored). */
export interface EstablishedSession extends ResumedSession {
  token: string;
}

export interface PasswordSignIn {
  login: string;
  password: string;
  /** The client's address as the server saw it (recorded in sign_ins). */
  address: string;
}

/** What the server took from a verified OpenID Connect ID token. */
export interface OidcSignIn {
  issuer: string;
  /** The token's `sub`. The account records `issuer#sub`. */
  subject: string;
  /** `preferred_username`, if the provider sent one. */
  login: string | null;
  email: string | null;
  /** `name`, if the provider sent one. */
  name: string | null;
  /**
   * The roles the server's role map made of the role claim, or null when the server has no role
   * mapping: then only accounts an administrator created may sign in, with the roles assigned.
   */
  roles: Role[] | null;
  address: string;
}

export interface FirstAdministrator {
  login: string;
  name: string;
  email?: string;
  password: string;
  /** Who ran the command (recorded as the actor of account.created), e.g. `os:root`. */
  actor: string;
}

export interface AccountAuthority {
  /** `vigil team create-admin`: refused (CONFLICT) once any administrator exists. */
  createFirstAdministrator(input: FirstAdministrator): Promise<Result<Account>>;
  /**
   * Wrong login or password: UNAUTHORIZED, with the failures so far; the fifth failure in a row
   * (within the lockout window) locks the account: ACCOUNT_LOCKED, refused even with the right
   * password until it lifts or an administrator unlocks it. A deactivated account: UNAUTHORIZED.
   */
  signInWithPassword(input: PasswordSignIn): Promise<Result<EstablishedSession>>;
  /** Single sign-on, with the provisioning and role rules of docs/team-mode.md. */
  signInWithOidc(input: OidcSignIn): Promise<Result<EstablishedSession>>;
  /**
   * The session behind a cookie value: UNAUTHORIZED when unknown, ended, or its account is
   * deactivated; SESSION_EXPIRED when idle or absolute time ran out (the session is then ended).
   * `now` defaults to the core's clock.
   */
  resumeSession(token: string, now?: Date): Promise<Result<ResumedSession>>;
  /** Ends the session (account.signedOut in the ledger); an unknown or ended one is left alone. */
  signOut(token: string, address?: string): Promise<Result<{ signedOut: boolean }>>;
}

/** The authority of a core that could not open its database: every call answers why. */
export function refusingAuthority(error: VigilError): AccountAuthority {
  const no = async () => ({ ok: false as const, error });
  return { createFirstAdministrator: no, signInWithPassword: no, signInWithOidc: no, resumeSession: no, signOut: no };
}

/**
 * An authority whose real one is not there yet (the team core migrates in the background) or may
 * be replaced (the desktop core reopens its file after a restore): every call waits for the
 * current one, and a core that could not open answers with its refusal.
 */
export function deferredAuthority(current: () => Promise<AccountAuthority>): AccountAuthority {
  return {
    createFirstAdministrator: async (input) => (await current()).createFirstAdministrator(input),
    signInWithPassword: async (input) => (await current()).signInWithPassword(input),
    signInWithOidc: async (input) => (await current()).signInWithOidc(input),
    resumeSession: async (token, now) => (await current()).resumeSession(token, now),
    signOut: async (token, address) => (await current()).signOut(token, address),
  };
}

const FirstAdministratorInput = z.object({ login: LoginName, name: personName, email: z.string().trim().max(200).optional(), password: Password });

const minuteMs = 60_000;
/** last_seen_at is written at most once a minute: a busy page does not write on every call. */
const touchEveryMs = minuteMs;

/** Only the SHA-256 of the cookie value is stored, so a copy of the sessions table signs nobody in. */
export const sessionTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

const wrongCredentials = 'Wrong login or password.';

/** A refusal decided inside a write is returned, not thrown, so what was recorded (sign_ins) commits. */
const refused = fail;

/** DomainErrors (CONFLICT, NOT_FOUND…) become values, as the dispatcher makes them. */
async function asResult<T>(body: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: error.toValue() };
    throw error;
  }
}

export interface AccountAuthorityDeps {
  store: StoragePort;
  clock: Clock;
  ids: IdSource;
  policy: SessionPolicy;
}

/** The core's AccountAuthority over the storage port. */
export function createAccountAuthority(deps: AccountAuthorityDeps): AccountAuthority {
  const { store, clock, ids, policy } = deps;
  const idleMs = policy.idleMinutes * minuteMs;
  const absoluteMs = policy.absoluteHours * 60 * minuteMs;

  const signInRecord = (at: string, login: string, accountId: string | null, method: SignInRecord['method'], outcome: SignInRecord['outcome'], reason: string, address: string): SignInRecord => ({
    at,
    login,
    accountId,
    method,
    outcome,
    reason,
    address,
  });

  const expiries = (session: { created_at: string; last_seen_at: string }) => ({
    idleExpiresAt: new Date(Date.parse(session.last_seen_at) + idleMs).toISOString(),
    expiresAt: new Date(Date.parse(session.created_at) + absoluteMs).toISOString(),
  });

  /** A new session for `account`, its sign-in recorded in sign_ins and (account.signedIn) the ledger. */
  async function begin(r: Repositories, stamp: CommandStamp, account: AccountRecord, method: SignInRecord['method'], address: string): Promise<EstablishedSession> {
    const token = randomBytes(32).toString('base64url');
    const session: SessionRow = {
      id: ids.next('SES'),
      token_hash: sessionTokenHash(token),
      csrf_token: randomBytes(32).toString('base64url'),
      account_id: account.id,
      method,
      created_at: stamp.at,
      last_seen_at: stamp.at,
      ended_at: null,
      end_reason: null,
    };
    await r.accounts.insertSession(session);
    await r.accounts.update(account.id, { lastSignInAt: stamp.at }, stamp.at);
    await r.accounts.recordSignIn(signInRecord(stamp.at, account.login, account.id, method, 'signedIn', method === 'password' ? 'password' : 'single sign-on', address));
    await appendAccountEvent(r, stamp, 'account.signedIn', account, { method, address, session: session.id });
    return { token, account: toSignedIn(account), csrfToken: session.csrf_token, ...expiries(session) };
  }

  const stampFor = (account: { name: string; login: string }, at: string): CommandStamp => ({ at, actor: accountActor(account) });

  async function signInWithPassword(input: PasswordSignIn): Promise<Result<EstablishedSession>> {
    const parsedLogin = LoginName.safeParse(input.login);
    const login = parsedLogin.success ? parsedLogin.data : input.login.trim().toLowerCase();
    const found = parsedLogin.success ? await store.read((r) => r.accounts.findByLogin(login)) : undefined;
    // One instant for the whole attempt: the lock seen before the password is checked is the one
    // the write decides by (a lock lifting in between must not turn a skipped check into a failure).
    const at = clock.now();
    const lockedNow = found !== undefined && lockoutStep(found, at).kind === 'locked';
    // Verified before the write (scrypt takes a while); an unknown login costs the same time.
    const right = lockedNow ? false : await verifyPassword(input.password, found?.passwordHash ?? (await decoyHash()));
    return store.write(async (r) => {
      const stamp = { at: at.toISOString(), actor: 'Vigil (sign-in)' };
      const record = (accountId: string | null, outcome: SignInRecord['outcome'], reason: string) =>
        r.accounts.recordSignIn(signInRecord(stamp.at, login.slice(0, 200), accountId, 'password', outcome, reason, input.address));
      const account = found && (await r.accounts.find(found.id));
      if (!account || account.passwordHash === null) {
        await record(account?.id ?? null, 'refused', account ? 'no local password (single sign-on only)' : 'no such login');
        return refused('UNAUTHORIZED', wrongCredentials);
      }
      const decision = lockoutStep(account, at);
      if (decision.kind === 'locked' || lockedNow) {
        const lockedUntil = decision.kind === 'locked' ? decision.lockedUntil : (account.lockedUntil ?? '');
        await record(account.id, 'locked', `locked until ${lockedUntil}`);
        return refused('ACCOUNT_LOCKED', `This account is locked after ${lockoutPolicy.attempts} failed sign-ins until ${lockedUntil}, or until an administrator unlocks it.`, {
          lockedUntil,
          failedSignIns: account.failedSignIns,
        });
      }
      if (!right) {
        const after = decision.afterFailure;
        await r.accounts.update(account.id, after, stamp.at);
        const count = `${after.failedSignIns} of ${lockoutPolicy.attempts}`;
        if (after.lockedUntil !== null) {
          await record(account.id, 'locked', `wrong password (${count}): locked until ${after.lockedUntil}`);
          return refused('ACCOUNT_LOCKED', `${wrongCredentials} That was ${count} failed sign-ins: the account is locked until ${after.lockedUntil}, or until an administrator unlocks it.`, {
            failedSignIns: after.failedSignIns,
            allowed: lockoutPolicy.attempts,
            lockedUntil: after.lockedUntil,
          });
        }
        await record(account.id, 'refused', `wrong password (${count} before the account locks)`);
        return refused('UNAUTHORIZED', `${wrongCredentials} (${count} failed sign-ins before the account locks for ${lockoutPolicy.lockMinutes} minutes.)`, {
          failedSignIns: after.failedSignIns,
          allowed: lockoutPolicy.attempts,
        });
      }
      if (!account.active) {
        await record(account.id, 'refused', 'account deactivated');
        return refused('UNAUTHORIZED', 'This account is deactivated; ask an administrator.');
      }
      await r.accounts.update(account.id, decision.afterSuccess, stamp.at);
      return ok(await begin(r, stampFor(account, stamp.at), account, 'password', input.address));
    });
  }

  /** The account a verified token is: by its subject, else (first sign-in) by login or email. */
  async function matchOidc(r: Repositories, input: OidcSignIn, subject: string): Promise<AccountRecord | undefined> {
    const bySubject = await r.accounts.findBySubject(subject);
    if (bySubject) return bySubject;
    const login = input.login === null ? null : LoginName.safeParse(input.login);
    const byLogin = login?.success ? await r.accounts.findByLogin(login.data) : undefined;
    if (byLogin && byLogin.oidcSubject === null) return byLogin;
    const byEmail = input.email ? (await r.accounts.findByEmail(input.email)).filter((a) => a.oidcSubject === null) : [];
    // Two accounts sharing an email: neither is taken on the provider's word.
    return byEmail.length === 1 ? byEmail[0] : undefined;
  }

  async function signInWithOidc(input: OidcSignIn): Promise<Result<EstablishedSession>> {
    const subject = `${input.issuer}#${input.subject}`;
    return asResult(() =>
      store.write(async (r) => {
        const at = clock.now().toISOString();
        const shownLogin = (input.login ?? input.email ?? subject).slice(0, 200);
        const record = (accountId: string | null, outcome: SignInRecord['outcome'], reason: string) =>
          r.accounts.recordSignIn(signInRecord(at, shownLogin, accountId, 'oidc', outcome, reason, input.address));
        let account = await matchOidc(r, input, subject);
        if (!account) {
          if (input.roles === null) {
            await record(null, 'refused', 'no account for this single sign-on user');
            return refused('UNAUTHORIZED', `There is no Vigil account for ${shownLogin}; ask an administrator to create one.`);
          }
          const login = LoginName.safeParse(input.login ?? input.email ?? '');
          if (!login.success) {
            await record(null, 'refused', 'the provider sent no usable login or email');
            return refused('UNAUTHORIZED', 'The single sign-on provider sent no login or email Vigil can use as a login.');
          }
          const name = (input.name ?? '').trim() || login.data;
          const taken = (await r.accounts.findByLogin(login.data)) ?? (await r.people.findByName(name));
          if (taken) {
            await record(null, 'refused', `${login.data} or ${name} is already someone else's`);
            return refused('UNAUTHORIZED', `The login ${login.data} or the name ${name} already belongs to someone in Vigil; ask an administrator to link the account.`);
          }
          account = await insertAccount(r, ids, at, { login: login.data, name, email: input.email ?? '', roles: input.roles, administrator: false, active: true, passwordHash: null, oidcSubject: subject });
          const created = toAccount(account);
          await appendAccountEvent(r, stampFor(account, at), 'account.created', account, { ...accountPayload(created), oidcSubject: subject, provisionedBy: 'single sign-on' });
          return ok(await begin(r, stampFor(account, at), account, 'oidc', input.address));
        }
        if (!account.active) {
          await record(account.id, 'refused', 'account deactivated');
          return refused('UNAUTHORIZED', 'This account is deactivated; ask an administrator.');
        }
        const rolesChange = input.roles !== null && !sameRoles(input.roles, account.roles);
        if (rolesChange || account.oidcSubject === null) {
          if (input.roles !== null && rolesChange) await r.people.update({ id: account.personId, name: account.name, email: account.email, roles: input.roles, active: account.active }, at);
          if (account.oidcSubject === null) await r.accounts.update(account.id, { oidcSubject: subject }, at);
          const before = account;
          account = await mustFind(r, account.id);
          await appendAccountEvent(r, stampFor(account, at), 'account.updated', account, {
            ...(rolesChange ? { roles: account.roles, rolesBefore: before.roles, rolesFrom: 'single sign-on role claim' } : {}),
            ...(before.oidcSubject === null ? { oidcSubject: subject } : {}),
          });
        }
        return ok(await begin(r, stampFor(account, at), account, 'oidc', input.address));
      }),
    );
  }

  async function resumeSession(token: string, now: Date = clock.now()): Promise<Result<ResumedSession>> {
    const notSignedIn = fail('UNAUTHORIZED', 'You are not signed in.');
    if (token.length === 0 || token.length > 200) return notSignedIn;
    const tokenHash = sessionTokenHash(token);
    const session = await store.read((r) => r.accounts.findSession(tokenHash));
    if (!session || session.ended_at !== null) return notSignedIn;
    const at = now.toISOString();
    const { idleExpiresAt, expiresAt } = expiries(session);
    const ending = now.getTime() >= Date.parse(expiresAt) ? `${policy.absoluteHours} hours since sign-in` : now.getTime() >= Date.parse(idleExpiresAt) ? `idle for ${policy.idleMinutes} minutes` : null;
    const account = await store.read((r) => r.accounts.find(session.account_id));
    if (ending !== null || !account?.active) {
      const reason = ending ?? 'account deactivated';
      await store.write(async (r) => {
        await r.accounts.endSession(session.id, at, reason);
        await r.accounts.recordSignIn(signInRecord(at, account?.login ?? '', session.account_id, session.method, ending === null ? 'refused' : 'expired', reason, ''));
      });
      return ending === null
        ? fail('UNAUTHORIZED', 'This account is deactivated; ask an administrator.')
        : fail('SESSION_EXPIRED', `Your session ended (${reason}); sign in again.`, { reason });
    }
    let lastSeen = session.last_seen_at;
    if (now.getTime() - Date.parse(lastSeen) >= touchEveryMs) {
      await store.write((r) => r.accounts.touchSession(session.id, at));
      lastSeen = at;
    }
    return ok({ account: toSignedIn(account), csrfToken: session.csrf_token, ...expiries({ created_at: session.created_at, last_seen_at: lastSeen }) });
  }

  async function signOut(token: string, address = ''): Promise<Result<{ signedOut: boolean }>> {
    const tokenHash = sessionTokenHash(token);
    return store.write(async (r) => {
      const session = await r.accounts.findSession(tokenHash);
      if (!session || session.ended_at !== null) return ok({ signedOut: false });
      const account = await mustFind(r, session.account_id);
      const at = clock.now().toISOString();
      await r.accounts.endSession(session.id, at, 'signed out');
      await r.accounts.recordSignIn(signInRecord(at, account.login, account.id, session.method, 'signedOut', 'signed out', address));
      await appendAccountEvent(r, stampFor(account, at), 'account.signedOut', account, { session: session.id, address });
      return ok({ signedOut: true });
    });
  }

  async function createFirstAdministrator(input: FirstAdministrator): Promise<Result<Account>> {
    const parsed = FirstAdministratorInput.safeParse(input);
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      return fail('VALIDATION_FAILED', `The first administrator: ${describeIssues(issues)}`, { issues });
    }
    const { login, name, email } = parsed.data;
    const passwordHash = await hashPassword(input.password);
    return asResult(() =>
      store.write(async (r) => {
        if ((await r.accounts.countAdministrators(false)) > 0) {
          return refused('CONFLICT', 'An administrator exists already: further accounts are made by an administrator, signed in to the team server.');
        }
        const at = clock.now().toISOString();
        // A person of that name in Settings → People becomes the administrator, keeping their roles.
        const person = await r.people.findByName(name);
        const created = await insertAccount(r, ids, at, {
          login,
          name,
          email: email ?? person?.email ?? '',
          roles: person?.roles ?? [],
          administrator: true,
          active: true,
          passwordHash,
          oidcSubject: null,
        });
        const account = toAccount(created);
        await appendAccountEvent(r, { at, actor: input.actor }, 'account.created', account, { ...accountPayload(account), firstAdministrator: true });
        return ok(account);
      }),
    );
  }

  return { createFirstAdministrator, signInWithPassword, signInWithOidc, resumeSession, signOut };
}

const sameRoles = (a: readonly Role[], b: readonly Role[]): boolean => a.length === b.length && a.every((role) => b.includes(role));
