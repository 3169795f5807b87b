import {
  AccountSaveInput,
  Password,
  toFieldIssues,
  type Account,
  type MethodInput,
  type Role,
} from '../../../../electron/contract/index.ts';
import { issuesOnForm } from '../../components/form-issues.ts';
import { emailProblem } from '../../components/use-form-state.ts';

/** What the account dialog edits. `password` is asked only when an account is created. */
export interface AccountValues {
  login: string;
  name: string;
  email: string;
  roles: Role[];
  administrator: boolean;
  active: boolean;
  password: string;
}
export const accountFields = ['login', 'name', 'email', 'roles', 'administrator', 'active', 'password'] as const satisfies readonly (keyof AccountValues)[];
export type AccountErrors = Partial<Record<keyof AccountValues, string>>;

export function accountValues(account: Account | null): AccountValues {
  return {
    login: account?.login ?? '',
    name: account?.name ?? '',
    email: account?.email ?? '',
    roles: account?.roles ?? [],
    administrator: account?.administrator ?? false,
    active: account?.active ?? true,
    password: '',
  };
}

/**
 * The dialog's values checked with the contract's own schema, field by field. A new account
 * without a password signs in only through single sign-on; an edited one keeps its password
 * (changed with "Reset password").
 */
export function validateAccount(values: AccountValues, id: string | undefined): { errors: AccountErrors } | { input: MethodInput<'accounts.save'> } {
  const { password, ...rest } = values;
  const input = { ...(id ? { id } : {}), ...rest, email: rest.email.trim(), ...(!id && password !== '' ? { password } : {}) };
  const parsed = AccountSaveInput.safeParse(input);
  const found: AccountErrors = parsed.success ? {} : issuesOnForm(toFieldIssues(parsed.error), accountFields).fields;
  const email = found.email ?? emailProblem(input.email);
  const errors = email ? { ...found, email } : found;
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { input: parsed.data };
}

/** A new password, typed twice. */
export function validateNewPassword(password: string, repeated: string): { password?: string; repeated?: string } {
  const parsed = Password.safeParse(password);
  if (!parsed.success) return { password: issuesOnForm(toFieldIssues(parsed.error).map((i) => ({ ...i, path: 'password' })), ['password']).fields.password };
  if (password !== repeated) return { repeated: 'The two passwords differ. Type the same password twice' };
  return {};
}

/** Locked now (after too many wrong passwords), as opposed to a lock that has run out. */
export const lockedNow = (account: Account, now: number): boolean => account.lockedUntil !== null && Date.parse(account.lockedUntil) > now;
