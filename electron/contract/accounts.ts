import { z } from 'zod';
import { personName, RoleSchema } from './acting-as.ts';

/*
 * Team mode (issue 15): accounts, sessions and sign-ins. On a team server the signed-in account
 * is the principal of every call; on the desktop there are no accounts and these methods refuse.
 * The design, endpoints and rules are in docs/team-mode.md.
 */

export const AccountId = z.string().regex(/^ACC-[A-Z0-9]{4,16}$/, { error: 'account id must look like ACC-XXXXXXXX' });

/** What a person types to sign in: lower-cased, letters, digits and . _ @ - only. */
export const LoginName = z
  .string({ error: 'login must be text' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._@-]{2,64}$/, { error: 'login must be 2–64 characters: letters, digits and . _ @ -' });

/** NIST SP 800-63B asks for at least 8; a hospital system holding patient-safety decisions asks for more. */
export const minimumPasswordLength = 12;
export const Password = z
  .string({ error: 'password must be text' })
  .min(minimumPasswordLength, { error: `password must be at least ${minimumPasswordLength} characters` })
  .max(1024, { error: 'password must be at most 1024 characters' });

/** The account a call runs under, as the team server established it from the session. */
export const SignedInAccount = z.object({
  id: z.string(),
  login: z.string(),
  name: z.string(),
  roles: z.array(RoleSchema),
  administrator: z.boolean(),
});
export type SignedInAccount = z.output<typeof SignedInAccount>;

export const Account = z.object({
  id: z.string(),
  login: z.string(),
  /** The person in Settings → People this account signs in as (same name, one to one). */
  name: z.string(),
  email: z.string(),
  roles: z.array(RoleSchema),
  administrator: z.boolean(),
  active: z.boolean(),
  /** A local password is set (false for accounts that only sign in through single sign-on). */
  hasPassword: z.boolean(),
  /** `issuer#subject` once the account has signed in through OpenID Connect, else null. */
  oidcSubject: z.string().nullable(),
  failedSignIns: z.number(),
  lockedUntil: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Account = z.output<typeof Account>;

export const AccountSaveInput = z.strictObject({
  id: AccountId.optional(),
  login: LoginName,
  name: personName,
  email: z.string().trim().max(200).default(''),
  roles: z.array(RoleSchema).refine((r) => new Set(r).size === r.length, { error: 'a role is listed more than once' }),
  administrator: z.boolean().default(false),
  active: z.boolean().default(true),
  /** Only when creating a local account; later changes go through accounts.setPassword. */
  password: Password.optional(),
});
export type AccountSaveInput = z.output<typeof AccountSaveInput>;

export const AccountPasswordInput = z.strictObject({ id: AccountId, password: Password });
export const AccountRef = z.strictObject({ id: AccountId });

export const signInMethods = ['password', 'oidc'] as const;
export const signInOutcomes = ['signedIn', 'refused', 'locked', 'signedOut', 'expired'] as const;

/** One attempt or end of a session, for the administrator's "who signed in when". */
export const SignInRecord = z.object({
  at: z.string(),
  login: z.string(),
  accountId: z.string().nullable(),
  method: z.enum(signInMethods),
  outcome: z.enum(signInOutcomes),
  /** In words: "wrong password (3 of 5 before the account locks)", "idle for 30 minutes". */
  reason: z.string(),
  /** The client's address as the server saw it. */
  address: z.string(),
});
export type SignInRecord = z.output<typeof SignInRecord>;

export const SignInsInput = z.strictObject({
  accountId: AccountId.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

/** What the caller is: the desktop (no accounts), or a signed-in team account. */
export const SessionInfo = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('desktop') }),
  z.object({ mode: z.literal('team'), account: SignedInAccount }),
]);
export type SessionInfo = z.output<typeof SessionInfo>;
