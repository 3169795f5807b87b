import type { Account, Role, SignedInAccount } from '../../contract/index.ts';
import type { CommandStamp } from '../command-runner.ts';
import { actorLabel, type IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { Repositories } from '../store/storage-port.ts';
import type { AccountRecord } from './accounts-repository.ts';

/*
 * What the administrator's service and the sign-in authority share: an account and the person it
 * is are written together, and every account event in the ledger names the account.
 */

/** The DTO: what an account is, without the hash and the lockout bookkeeping. */
export const toAccount = (r: AccountRecord): Account => ({
  id: r.id,
  login: r.login,
  name: r.name,
  email: r.email,
  roles: r.roles,
  administrator: r.administrator,
  active: r.active,
  hasPassword: r.hasPassword,
  oidcSubject: r.oidcSubject,
  failedSignIns: r.failedSignIns,
  lockedUntil: r.lockedUntil,
  lastSignInAt: r.lastSignInAt,
  createdAt: r.createdAt,
});

export const toSignedIn = (r: AccountRecord): SignedInAccount => ({ id: r.id, login: r.login, name: r.name, roles: r.roles, administrator: r.administrator });

/** How the account itself is named as an actor: "Name [login]". */
export const accountActor = (r: { name: string; login: string }): string => actorLabel({ name: r.name, account: r.login });

export async function mustFind(r: Repositories, id: string): Promise<AccountRecord> {
  const found = await r.accounts.find(id);
  if (!found) throw new DomainError('NOT_FOUND', `No account with id ${id}.`);
  return found;
}

/** Appends an account event: its entity is the account, its payload names the login. */
export async function appendAccountEvent(r: Repositories, stamp: CommandStamp, action: string, account: { id: string; login: string }, payload: object = {}): Promise<void> {
  await r.ledger.append({ ...stamp, action, entity: account.id, payload: { login: account.login, ...payload } });
}

export interface NewAccount {
  login: string;
  name: string;
  email: string;
  roles: Role[];
  administrator: boolean;
  active: boolean;
  passwordHash: string | null;
  oidcSubject: string | null;
}

/**
 * Writes a new account and its person in Settings → People. A person of that name who has no
 * account yet becomes the account (their record is updated); one who has an account already, or
 * a login in use, is a CONFLICT. Returns the account as stored.
 */
export async function insertAccount(r: Repositories, ids: IdSource, at: string, input: NewAccount): Promise<AccountRecord> {
  if (await r.accounts.findByLogin(input.login)) {
    throw new DomainError('CONFLICT', `The login ${input.login} is already in use.`, { issues: [{ path: 'login', message: 'already in use' }] });
  }
  const person = { name: input.name, email: input.email, roles: input.roles, active: input.active };
  const existing = await r.people.findByName(input.name);
  let personId: string;
  if (existing) {
    const holder = await r.accounts.findByPerson(existing.id);
    if (holder) {
      throw new DomainError('CONFLICT', `${existing.name} already has an account (${holder.login}).`, { issues: [{ path: 'name', message: 'already has an account' }] });
    }
    personId = existing.id;
    await r.people.update({ id: personId, ...person, name: existing.name }, at);
  } else {
    personId = ids.next('PER');
    await r.people.insert({ id: personId, ...person }, at);
  }
  const id = ids.next('ACC');
  await r.accounts.insert(
    {
      id,
      personId,
      login: input.login,
      passwordHash: input.passwordHash,
      administrator: input.administrator,
      oidcSubject: input.oidcSubject,
      failedSignIns: 0,
      lastFailedAt: null,
      lockedUntil: null,
      lastSignInAt: null,
    },
    at,
  );
  return mustFind(r, id);
}

/** What account.created and account.updated record (never a password or its hash). */
export const accountPayload = (a: Account) => ({ name: a.name, email: a.email, roles: a.roles, administrator: a.administrator, active: a.active });
