// Team mode accounts (issue 15, docs/team-mode.md "Accounts"), through the core's AccountAuthority
// and the administrator's accounts.* methods, on both engines: the first administrator, password
// sign-in and the lockout, sessions and their two timeouts, deactivation, single sign-on and its
// provisioning rules, and the ledger naming the account for every account event.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, SignInRecord } from '../../../electron/contract/index.ts';
import type { OidcSignIn } from '../../../electron/core/accounts/account-authority.ts';
import { adminPassword, makeAccountsCore, password, refusal, signedIn, start, teamContext, valueOf, type AccountsCore } from './accounts-fixture.ts';

let core: AccountsCore;
beforeEach(async () => {
  core = await makeAccountsCore();
});
afterEach(() => core.dispose());

const address = '192.0.2.7';
const minutes = (n: number) => n * 60_000;
const after = (iso: string, ms: number) => new Date(Date.parse(iso) + ms);

const signIn = (login: string, pass: string) => core.authority.signInWithPassword({ login, password: pass, address });

async function reviewer(extra: Partial<Parameters<AccountsCore['saveAccount']>[0]> = {}): Promise<Account> {
  return core.saveAccount({ login: 'rita', name: 'Rita Reviewer', email: 'rita@example.org', roles: ['reviewer'], password, ...extra });
}

describe('the first administrator', () => {
  it('is created once, with a person in Settings → People, and refused once any administrator exists', async () => {
    const people = await core.call('people.list', {});
    expect(people.map((p) => p.name)).toEqual(['Ada Admin']);
    const accounts = valueOf(await core.asAdmin('accounts.list', {})) as Account[];
    expect(accounts).toEqual([expect.objectContaining({ login: 'ada', name: 'Ada Admin', email: 'ada@example.org', administrator: true, active: true, hasPassword: true, roles: [] })]);

    const again = refusal(await core.authority.createFirstAdministrator({ login: 'bob', name: 'Bob Second', password: adminPassword, actor: 'os:root' }));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toMatch(/administrator exists already/);
    expect((await core.call('people.list', {})).length).toBe(1);
  });

  it('is refused with words for a short password or a bad login, and nothing is written', async () => {
    const fresh = await makeAccountsCore();
    try {
      const short = refusal(await fresh.authority.createFirstAdministrator({ login: 'x y', name: 'Short', password: 'short', actor: 'os:root' }));
      expect(short.code).toBe('VALIDATION_FAILED');
      expect(short.message).toMatch(/login must be 2–64 characters/);
      expect(short.message).toMatch(/at least 12 characters/);
    } finally {
      fresh.dispose();
    }
  });

  it('is recorded in the ledger as account.created, by whoever ran the command, naming the account', async () => {
    const [created] = (await core.ledger()).filter((e) => e.action === 'account.created');
    expect(created).toMatchObject({ actor: 'os:root', entity: core.admin.id });
    expect(JSON.parse(created!.payload)).toMatchObject({ login: 'ada', administrator: true, firstAdministrator: true });
    expect(created!.payload).not.toMatch(/scrypt|horse/);
  });
});

describe('password sign-in', () => {
  it('begins a session: a token only its hash is kept of, a CSRF token, idle and absolute expiry', async () => {
    const session = valueOf(await signIn('ADA ', adminPassword));
    expect(session.account).toEqual(core.admin);
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const began = Date.parse(session.expiresAt) - minutes(12 * 60);
    expect(Date.parse(session.idleExpiresAt) - began).toBe(minutes(30));
    const stored = await core.rows<{ token_hash: string; csrf_token: string; account_id: string }>('SELECT token_hash, csrf_token, account_id FROM sessions');
    expect(stored).toEqual([{ token_hash: createHash('sha256').update(session.token).digest('hex'), csrf_token: session.csrfToken, account_id: core.admin.id }]);
    const resumed = valueOf(await core.authority.resumeSession(session.token, new Date(began + minutes(1) - 1)));
    expect(resumed).toEqual({ account: core.admin, csrfToken: session.csrfToken, idleExpiresAt: session.idleExpiresAt, expiresAt: session.expiresAt });
  });

  it('refuses a wrong password or an unknown login alike, recording the attempt only in sign_ins', async () => {
    const before = (await core.ledger()).length;
    const wrong = refusal(await signIn('ada', 'not the password at all'));
    expect(wrong).toMatchObject({ code: 'UNAUTHORIZED', details: { failedSignIns: 1, allowed: 5 } });
    expect(wrong.message).toMatch(/^Wrong login or password\. \(1 of 5 failed sign-ins before the account locks for 15 minutes\.\)$/);
    const unknown = refusal(await signIn('nobody', 'not the password at all'));
    expect(unknown).toEqual({ code: 'UNAUTHORIZED', message: 'Wrong login or password.' });
    expect((await core.ledger()).length).toBe(before);
    const records = valueOf(await core.asAdmin('accounts.signIns', {})) as SignInRecord[];
    expect(records.map((r) => [r.login, r.accountId, r.outcome, r.reason, r.address])).toEqual([
      ['nobody', null, 'refused', 'no such login', address],
      ['ada', core.admin.id, 'refused', 'wrong password (1 of 5 before the account locks)', address],
    ]);
  });

  it('locks the account after 5 failures in a row, refuses it even with the right password, and an administrator unlocks it', async () => {
    const rita = await reviewer();
    for (let n = 1; n <= 4; n++) {
      expect(refusal(await signIn('rita', `wrong password ${n}!!`))).toMatchObject({ code: 'UNAUTHORIZED', details: { failedSignIns: n } });
    }
    const fifth = refusal(await signIn('rita', 'wrong password 5!!'));
    expect(fifth.code).toBe('ACCOUNT_LOCKED');
    expect(fifth.message).toMatch(/5 of 5 failed sign-ins: the account is locked until .+, or until an administrator unlocks it/);
    expect(fifth.details).toMatchObject({ failedSignIns: 5, allowed: 5 });

    const right = refusal(await signIn('rita', password));
    expect(right.code).toBe('ACCOUNT_LOCKED');
    const listed = (valueOf(await core.asAdmin('accounts.list', {})) as Account[]).find((a) => a.id === rita.id)!;
    expect(listed).toMatchObject({ failedSignIns: 5, lockedUntil: expect.any(String) });

    const unlocked = valueOf(await core.asAdmin('accounts.unlock', { id: rita.id })) as Account;
    expect(unlocked).toMatchObject({ failedSignIns: 0, lockedUntil: null });
    expect(valueOf(await signIn('rita', password)).account.login).toBe('rita');
    const outcomes = (valueOf(await core.asAdmin('accounts.signIns', { accountId: rita.id })) as SignInRecord[]).map((r) => r.outcome).reverse();
    expect(outcomes).toEqual(['refused', 'refused', 'refused', 'refused', 'locked', 'locked', 'signedIn']);
  });

  it('lifts the lock by itself after 15 minutes, and a success resets the count', async () => {
    await reviewer();
    for (let n = 1; n <= 5; n++) await signIn('rita', `wrong password ${n}!!`);
    expect(refusal(await signIn('rita', password)).code).toBe('ACCOUNT_LOCKED');
    core.clock.set(after(start, minutes(16)).toISOString());
    expect(valueOf(await signIn('rita', password)).account.login).toBe('rita');
    // Counted afresh: four more failures do not lock it.
    for (let n = 1; n <= 4; n++) expect(refusal(await signIn('rita', `wrong again ${n}!!!`)).details).toMatchObject({ failedSignIns: n });
    expect(valueOf(await signIn('rita', password)).account.login).toBe('rita');
    expect(refusal(await signIn('rita', 'wrong once more!!')).details).toMatchObject({ failedSignIns: 1 });
  });

  it('refuses an account that only signs in through single sign-on', async () => {
    await core.saveAccount({ login: 'sso.only', name: 'Sam Sso', roles: ['assessor'] });
    expect(refusal(await signIn('sso.only', 'anything long enough'))).toEqual({ code: 'UNAUTHORIZED', message: 'Wrong login or password.' });
  });
});

describe('sessions', () => {
  it('end after 30 minutes idle; use keeps them alive, written at most once a minute', async () => {
    const session = valueOf(await signIn('ada', adminPassword));
    const began = Date.parse(session.expiresAt) - minutes(12 * 60);
    // Used at 20 minutes: idle time counts from then.
    const used = valueOf(await core.authority.resumeSession(session.token, new Date(began + minutes(20))));
    expect(Date.parse(used.idleExpiresAt)).toBe(began + minutes(50));
    // Used again 30 seconds later: not written again, so the idle expiry stays.
    const soon = valueOf(await core.authority.resumeSession(session.token, new Date(began + minutes(20) + 30_000)));
    expect(soon.idleExpiresAt).toBe(used.idleExpiresAt);
    expect(valueOf(await core.authority.resumeSession(session.token, new Date(began + minutes(50) - 1))).account.login).toBe('ada');
    const later = refusal(await core.authority.resumeSession(session.token, new Date(began + minutes(80))));
    expect(later).toMatchObject({ code: 'SESSION_EXPIRED', details: { reason: 'idle for 30 minutes' } });
    // Ended: the token no longer names a session.
    expect(refusal(await core.authority.resumeSession(session.token, new Date(began + minutes(81)))).code).toBe('UNAUTHORIZED');
    const [last] = valueOf(await core.asAdmin('accounts.signIns', { limit: 1 })) as SignInRecord[];
    expect(last).toMatchObject({ outcome: 'expired', reason: 'idle for 30 minutes', accountId: core.admin.id });
  });

  it('end 12 hours after sign-in however busy', async () => {
    const session = valueOf(await signIn('ada', adminPassword));
    const began = Date.parse(session.expiresAt) - minutes(12 * 60);
    for (let t = 20; t < 12 * 60; t += 20) expect((await core.authority.resumeSession(session.token, new Date(began + minutes(t)))).ok, `at ${t} minutes`).toBe(true);
    expect(refusal(await core.authority.resumeSession(session.token, new Date(began + minutes(12 * 60))))).toMatchObject({ code: 'SESSION_EXPIRED', details: { reason: '12 hours since sign-in' } });
  });

  it('follow the policy the server was started with', async () => {
    const short = await makeAccountsCore({ sessionPolicy: { idleMinutes: 5, absoluteHours: 1 } });
    try {
      const session = valueOf(await short.authority.signInWithPassword({ login: 'ada', password: adminPassword, address }));
      expect(Date.parse(session.expiresAt) - Date.parse(session.idleExpiresAt)).toBe(minutes(55));
      expect(refusal(await short.authority.resumeSession(session.token, after(session.idleExpiresAt, 0))).code).toBe('SESSION_EXPIRED');
    } finally {
      short.dispose();
    }
  });

  it('are refused for an unknown token, and end at sign-out (account.signedOut in the ledger)', async () => {
    expect(refusal(await core.authority.resumeSession('made-up-token'))).toEqual({ code: 'UNAUTHORIZED', message: 'You are not signed in.' });
    const session = valueOf(await signIn('ada', adminPassword));
    expect(valueOf(await core.authority.signOut(session.token, address))).toEqual({ signedOut: true });
    expect(valueOf(await core.authority.signOut(session.token, address))).toEqual({ signedOut: false });
    expect(refusal(await core.authority.resumeSession(session.token)).code).toBe('UNAUTHORIZED');
    const events = (await core.ledger()).filter((e) => e.action.startsWith('account.signed'));
    expect(events.map((e) => [e.action, e.actor, e.entity])).toEqual([
      ['account.signedIn', 'Ada Admin [ada]', core.admin.id],
      ['account.signedOut', 'Ada Admin [ada]', core.admin.id],
    ]);
  });

  it("of a deactivated account are refused, and it cannot sign in again", async () => {
    const rita = await reviewer();
    const session = valueOf(await signIn('rita', password));
    await core.saveAccount({ id: rita.id, login: 'rita', name: 'Rita Reviewer', email: 'rita@example.org', roles: ['reviewer'], active: false });
    expect(refusal(await core.authority.resumeSession(session.token))).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/deactivated/) });
    expect(refusal(await signIn('rita', password))).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/deactivated/) });
    // The person is inactive in Settings → People too: one record.
    expect((await core.call('people.list', {})).find((p) => p.name === 'Rita Reviewer')?.active).toBe(false);
  });
});

describe('the administrator', () => {
  it("saves an account and its person in one change; the person's existing record is linked, not copied", async () => {
    await core.call('people.save', { name: 'Olu Owner', email: 'olu@example.org', roles: ['riskOwner'] });
    const olu = await core.saveAccount({ login: 'olu', name: 'olu owner', email: 'olu@example.org', roles: ['riskOwner', 'assessor'] });
    const people = await core.call('people.list', {});
    expect(people.filter((p) => p.name.toLowerCase() === 'olu owner')).toEqual([expect.objectContaining({ name: 'Olu Owner', roles: ['riskOwner', 'assessor'] })]);
    expect(olu).toMatchObject({ name: 'Olu Owner', hasPassword: false });

    const renamed = await core.saveAccount({ id: olu.id, login: 'olu.o', name: 'Olu Owusu', email: 'olu@example.org', roles: ['riskOwner'] });
    expect(renamed).toMatchObject({ login: 'olu.o', name: 'Olu Owusu', roles: ['riskOwner'] });
    expect((await core.call('people.list', {})).map((p) => p.name).sort()).toEqual(['Ada Admin', 'Olu Owusu']);
  });

  it('is refused a taken login, a second account for one person, a password on an update, and leaving no administrator', async () => {
    const rita = await reviewer();
    expect(refusal(await core.asAdmin('accounts.save', { login: 'rita', name: 'Another Rita', roles: [] }))).toMatchObject({ code: 'CONFLICT', message: 'The login rita is already in use.' });
    expect(refusal(await core.asAdmin('accounts.save', { login: 'rita2', name: 'Rita Reviewer', roles: [] }))).toMatchObject({ code: 'CONFLICT', message: 'Rita Reviewer already has an account (rita).' });
    expect(refusal(await core.asAdmin('accounts.save', { id: rita.id, login: 'rita', name: 'Rita Reviewer', roles: [], password }))).toMatchObject({ code: 'VALIDATION_FAILED' });
    const demote = refusal(await core.asAdmin('accounts.save', { id: core.admin.id, login: 'ada', name: 'Ada Admin', roles: [], administrator: false }));
    expect(demote).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/no active administrator/) });
    expect((valueOf(await core.asAdmin('accounts.list', {})) as Account[]).find((a) => a.login === 'ada')?.administrator).toBe(true);
  });

  it('sets a password: the old one stops working, the new one signs in', async () => {
    const rita = await reviewer();
    valueOf(await core.asAdmin('accounts.setPassword', { id: rita.id, password: 'a brand new passphrase' }));
    expect(refusal(await signIn('rita', password)).code).toBe('UNAUTHORIZED');
    expect(valueOf(await signIn('rita', 'a brand new passphrase')).account.id).toBe(rita.id);
  });

  it('every account event names the account: its id as entity, its login in the payload, and no secret', async () => {
    const rita = await reviewer();
    await core.asAdmin('accounts.save', { id: rita.id, login: 'rita', name: 'Rita Reviewer', email: 'rita@example.org', roles: ['reviewer', 'assessor'] });
    await core.asAdmin('accounts.setPassword', { id: rita.id, password: 'a brand new passphrase' });
    await core.asAdmin('accounts.unlock', { id: rita.id });
    const session = valueOf(await signIn('rita', 'a brand new passphrase'));
    await core.authority.signOut(session.token, address);
    await core.authority.signInWithOidc({ issuer: 'https://idp.example', subject: 'r-1', login: 'rita', email: null, name: null, roles: ['reviewer'], address });

    const events = (await core.ledger()).filter((e) => e.action.startsWith('account.'));
    expect(events.map((e) => e.action)).toEqual([
      'account.created',
      'account.created',
      'account.updated',
      'account.passwordSet',
      'account.unlocked',
      'account.signedIn',
      'account.signedOut',
      'account.updated',
      'account.signedIn',
    ]);
    for (const event of events.slice(1)) {
      expect(event.entity, event.action).toBe(rita.id);
      expect(JSON.parse(event.payload), event.action).toMatchObject({ login: 'rita' });
      expect(event.payload, event.action).not.toMatch(/scrypt|passphrase|long enough/);
    }
    // Changes the administrator made name the administrator; sign-ins name the account itself.
    expect(events.slice(1, 5).map((e) => e.actor)).toEqual(Array(4).fill('Ada Admin [ada]'));
    expect(events.slice(5).map((e) => e.actor)).toEqual(Array(4).fill('Rita Reviewer [rita]'));
  });
});

describe('single sign-on (OpenID Connect)', () => {
  const issuer = 'https://login.example.org/tenant';
  const claims = (extra: Partial<OidcSignIn> = {}): OidcSignIn => ({ issuer, subject: 'sub-1', login: null, email: null, name: null, roles: null, address, ...extra });
  const sso = (extra: Partial<OidcSignIn> = {}) => core.authority.signInWithOidc(claims(extra));

  it('without a role mapping, only accounts an administrator made sign in, with the roles the administrator gave', async () => {
    expect(refusal(await sso({ login: 'stranger', email: 'stranger@example.org' }))).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/no Vigil account for stranger/) });
    const rita = await reviewer();
    const first = valueOf(await sso({ login: 'Rita' }));
    expect(first.account).toEqual(signedIn(rita));
    const linked = (valueOf(await core.asAdmin('accounts.list', {})) as Account[]).find((a) => a.id === rita.id)!;
    expect(linked.oidcSubject).toBe(`${issuer}#sub-1`);
    // Later the subject decides, whatever login the provider sends.
    expect(valueOf(await sso({ login: 'someone.else' })).account.id).toBe(rita.id);
    // Another subject with Rita's login is not Rita.
    expect(refusal(await sso({ subject: 'sub-2', login: 'rita' })).code).toBe('UNAUTHORIZED');
  });

  it('matches on email on first sign-in, but not when two accounts share it', async () => {
    const rita = await reviewer();
    expect(valueOf(await sso({ email: 'RITA@example.org' })).account.id).toBe(rita.id);
    await core.saveAccount({ login: 'pat', name: 'Pat One', email: 'shared@example.org', roles: [] });
    await core.saveAccount({ login: 'pam', name: 'Pam Two', email: 'shared@example.org', roles: [] });
    expect(refusal(await sso({ subject: 'sub-9', email: 'shared@example.org' })).code).toBe('UNAUTHORIZED');
  });

  it('with a role mapping, provisions an unknown user and their roles follow the claim at every sign-in', async () => {
    const first = valueOf(await sso({ login: 'nina.n', email: 'nina@example.org', name: 'Nina Nurse', roles: ['assessor'] }));
    expect(first.account).toMatchObject({ login: 'nina.n', name: 'Nina Nurse', roles: ['assessor'], administrator: false });
    const person = (await core.call('people.list', {})).find((p) => p.name === 'Nina Nurse');
    expect(person).toMatchObject({ email: 'nina@example.org', roles: ['assessor'], active: true });

    const next = valueOf(await sso({ login: 'nina.n', roles: ['assessor', 'reviewer'] }));
    expect(next.account.roles).toEqual(['assessor', 'reviewer']);
    const events = (await core.ledger()).filter((e) => e.entity === first.account.id);
    expect(events.map((e) => e.action)).toEqual(['account.created', 'account.signedIn', 'account.updated', 'account.signedIn']);
    expect(JSON.parse(events[2]!.payload)).toMatchObject({ login: 'nina.n', roles: ['assessor', 'reviewer'], rolesBefore: ['assessor'] });
    // The same roles again: nothing to update.
    valueOf(await sso({ roles: ['reviewer', 'assessor'] }));
    expect((await core.ledger()).filter((e) => e.entity === first.account.id).map((e) => e.action).at(-2)).toBe('account.signedIn');
  });

  it("with a role mapping, an administrator's account takes the claim's roles; without one it keeps its own", async () => {
    const rita = await reviewer();
    expect(valueOf(await sso({ login: 'rita', roles: null })).account.roles).toEqual(['reviewer']);
    expect(valueOf(await sso({ login: 'rita', roles: ['committeeChair'] })).account.roles).toEqual(['committeeChair']);
    expect((await core.call('people.list', {})).find((p) => p.name === rita.name)?.roles).toEqual(['committeeChair']);
  });

  it('does not provision over a name or login someone already has, nor sign in a deactivated account', async () => {
    await reviewer();
    expect(refusal(await sso({ subject: 'x', login: 'newbie', name: 'Rita Reviewer', roles: ['assessor'] })).message).toMatch(/already belongs to someone/);
    expect(refusal(await sso({ subject: 'y', login: null, email: null, roles: ['assessor'] })).message).toMatch(/no login or email/);
    const rita = (valueOf(await core.asAdmin('accounts.list', {})) as Account[]).find((a) => a.login === 'rita')!;
    await core.saveAccount({ id: rita.id, login: 'rita', name: rita.name, email: rita.email, roles: rita.roles, active: false });
    expect(refusal(await sso({ login: 'rita' })).message).toMatch(/deactivated/);
    const records = valueOf(await core.asAdmin('accounts.signIns', { limit: 3 })) as SignInRecord[];
    expect(records.every((r) => r.method === 'oidc' && r.outcome === 'refused')).toBe(true);
  });
});

describe('on the desktop', () => {
  it('session.current says so, and the administrator methods are refused', async () => {
    expect(await core.call('session.current', {})).toEqual({ mode: 'desktop' });
    for (const method of ['accounts.list', 'accounts.signIns']) {
      expect(refusal(await core.raw(method, {}))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/accounts exist only on a team server/) });
    }
    expect(valueOf(await core.dispatch('session.current', {}, teamContext(core.admin)))).toEqual({ mode: 'team', account: core.admin });
  });
});
