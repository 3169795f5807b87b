import type { Account, AccountSaveInput, SignInRecord } from '../../contract/index.ts';
import type { CommandRunner } from '../command-runner.ts';
import type { CallContext, IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { Repositories, StoragePort } from '../store/storage-port.ts';
import { accountPayload, insertAccount, mustFind, toAccount } from './account-records.ts';
import type { AccountRecord } from './accounts-repository.ts';
import { hashPassword } from './password-hash.ts';

/**
 * The administrator's side of accounts (accounts.* methods; the dispatcher has already checked
 * the caller is an administrator on a team server). Each change is one transaction with its
 * ledger event, and an account's person in Settings → People is written in that same transaction.
 */
export interface AccountsService {
  list(): Promise<Account[]>;
  save(ctx: CallContext, input: AccountSaveInput): Promise<Account>;
  setPassword(ctx: CallContext, id: string, password: string): Promise<Account>;
  unlock(ctx: CallContext, id: string): Promise<Account>;
  signIns(filter: { accountId?: string | undefined; limit: number }): Promise<SignInRecord[]>;
}

/** A team keeps at least one active administrator: otherwise nobody could manage accounts again. */
async function keepAnAdministrator(r: Repositories): Promise<void> {
  if ((await r.accounts.countAdministrators(true)) === 0) {
    throw new DomainError('CONFLICT', 'This change would leave no active administrator; make another account an administrator first.', {
      issues: [{ path: 'administrator', message: 'the last active administrator' }],
    });
  }
}

async function updateAccount(r: Repositories, at: string, before: AccountRecord, input: AccountSaveInput): Promise<void> {
  if (input.password !== undefined) {
    throw new DomainError('VALIDATION_FAILED', 'A password is set on an existing account with accounts.setPassword.', { issues: [{ path: 'password', message: 'use accounts.setPassword' }] });
  }
  if (input.login !== before.login && (await r.accounts.findByLogin(input.login))) {
    throw new DomainError('CONFLICT', `The login ${input.login} is already in use.`, { issues: [{ path: 'login', message: 'already in use' }] });
  }
  const clash = await r.people.findByName(input.name);
  if (clash && clash.id !== before.personId) {
    throw new DomainError('CONFLICT', `${clash.name} is already in the list of people (${clash.id}).`, { issues: [{ path: 'name', message: 'already in the list' }] });
  }
  await r.people.update({ id: before.personId, name: input.name, email: input.email, roles: input.roles, active: input.active }, at);
  await r.accounts.update(before.id, { login: input.login, administrator: input.administrator }, at);
}

export function createAccountsService(deps: { store: StoragePort; run: CommandRunner; ids: IdSource }): AccountsService {
  const { store, run, ids } = deps;
  return {
    list: () => store.read(async (r) => (await r.accounts.list()).map(toAccount)),
    save: async (ctx, input) => {
      // Hashed before the transaction: scrypt takes a while and the write need not wait for it.
      const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
      return run(ctx, input.id ? 'account.updated' : 'account.created', async ({ at }, r) => {
        let saved: AccountRecord;
        if (input.id) {
          await updateAccount(r, at, await mustFind(r, input.id), input);
          saved = await mustFind(r, input.id);
        } else {
          saved = await insertAccount(r, ids, at, { ...input, passwordHash, oidcSubject: null });
        }
        await keepAnAdministrator(r);
        const account = toAccount(saved);
        return { entity: account.id, payload: { login: account.login, ...accountPayload(account) }, result: account };
      });
    },
    setPassword: async (ctx, id, password) => {
      const passwordHash = await hashPassword(password);
      return run(ctx, 'account.passwordSet', async ({ at }, r) => {
        const before = await mustFind(r, id);
        await r.accounts.update(id, { passwordHash }, at);
        return { entity: id, payload: { login: before.login }, result: toAccount(await mustFind(r, id)) };
      });
    },
    unlock: (ctx, id) =>
      run(ctx, 'account.unlocked', async ({ at }, r) => {
        const before = await mustFind(r, id);
        await r.accounts.update(id, { failedSignIns: 0, lastFailedAt: null, lockedUntil: null }, at);
        return { entity: id, payload: { login: before.login, wasLockedUntil: before.lockedUntil }, result: toAccount(await mustFind(r, id)) };
      }),
    signIns: (filter) => store.read((r) => r.accounts.signIns(filter)),
  };
}
