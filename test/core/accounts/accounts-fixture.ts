import { expect } from 'vitest';
import type { Account, AccountSaveInput, MethodInput, Result, SignedInAccount } from '../../../electron/contract/index.ts';
import type { CallContext } from '../../../electron/core/deps.ts';
import { movableClock, type MovableClock } from '../../support/contract-samples.ts';
import { actor, makeTestCore, type TestCore, type CoreChoices } from '../../support/core-fixture.ts';

/** Accounts tests: a core on the engine under test, its clock in the test's hand. */
export interface AccountsCore extends TestCore {
  clock: MovableClock;
  /** The first administrator, as the team server would pass them in ctx.account. */
  admin: SignedInAccount;
  /** Calls as the administrator signed in to the team server. */
  asAdmin(method: string, input: unknown): Promise<Result<unknown>>;
  /** accounts.save as the administrator; throws on a refusal. */
  saveAccount(input: MethodInput<'accounts.save'>): Promise<Account>;
}

export const start = '2026-03-01T09:00:00.000Z';
export const adminPassword = 'correct horse battery staple';
export const password = 'a long enough password';

export const signedIn = (a: Account): SignedInAccount => ({ id: a.id, login: a.login, name: a.name, roles: a.roles, administrator: a.administrator });

export const teamContext = (account: SignedInAccount): CallContext => ({ ...actor, account });

export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function refusal(result: Result<unknown>): { code: string; message: string; details?: unknown } {
  expect(result.ok, 'expected a refusal').toBe(false);
  if (result.ok) throw new Error('not refused');
  return result.error;
}

export async function makeAccountsCore(options: CoreChoices = {}): Promise<AccountsCore> {
  const clock = movableClock(start);
  const core = makeTestCore({ clock, ...options });
  const created = valueOf(await core.authority.createFirstAdministrator({ login: 'ada', name: 'Ada Admin', email: 'ada@example.org', password: adminPassword, actor: 'os:root' }));
  const admin = signedIn(created);
  const asAdmin = (method: string, input: unknown) => core.dispatch(method, input, teamContext(admin));
  return {
    ...core,
    clock,
    admin,
    asAdmin,
    saveAccount: async (input: AccountSaveInput | MethodInput<'accounts.save'>) => valueOf(await asAdmin('accounts.save', input)) as Account,
  };
}
