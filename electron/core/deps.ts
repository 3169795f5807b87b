import type { Role, SignedInAccount } from '../contract/index.ts';
import { randomBytes } from 'node:crypto';

/** Injected so tests can fix time; everything the core stamps comes from here. */
export interface Clock {
  now(): Date;
}

/** Injected so tests get predictable ids. */
export interface IdSource {
  /** A new id with the given prefix, e.g. `SYS-7K3Q9X2M`. */
  next(prefix: string): string;
}

export const systemClock: Clock = { now: () => new Date() };

// Crockford base32 without I, L, O, U: ids are read aloud in committee meetings.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const randomIds: IdSource = {
  next(prefix) {
    const bytes = randomBytes(8);
    let body = '';
    for (const byte of bytes) body += alphabet[byte % alphabet.length];
    return `${prefix}-${body}`;
  },
};

/** A person from Settings → People acting in one of their roles. */
export interface ActingPerson {
  name: string;
  role: Role;
  /** On a team server: the login of the signed-in account this person is. */
  account?: string;
}

/** On a team server, a signed-in account acting where no governance role is involved. */
export interface AccountHolder {
  name: string;
  account: string;
}

/**
 * Who acts, as the dispatcher established it: a verified person in a role; on a team server the
 * signed-in account (in a role, or none where the method involves no role); or, on the desktop
 * and only where the method allows nobody to be named, the OS login of whoever runs Vigil.
 */
export type Principal = ActingPerson | AccountHolder | { osLogin: string };

export const isPerson = (p: Principal | undefined): p is ActingPerson => p !== undefined && 'role' in p;

/**
 * How a principal is written in the ledger and in answeredBy, addedBy, createdBy…:
 * "Name (role)" on the desktop, "Name (role) [login]" or "Name [login]" on a team server, or
 * "os:login".
 */
export const actorLabel = (p: Principal): string => {
  if ('osLogin' in p) return `os:${p.osLogin}`;
  const login = p.account === undefined ? '' : ` [${p.account}]`;
  return 'role' in p ? `${p.name} (${p.role})${login}` : `${p.name}${login}`;
};

/** A context acting as `person` (for core code that acts on someone's behalf, e.g. the demo's cast). */
export const actingAs = (ctx: CallContext, person: ActingPerson): CallContext => ({ ...ctx, principal: person, actor: actorLabel(person) });

/** The person acting, or null when the call is recorded under the OS login. */
export const personOf = (ctx: CallContext): ActingPerson | null => (isPerson(ctx.principal) ? ctx.principal : null);

/** Who is calling. Transports fill in `actor` (the OS login); the dispatcher adds the principal. */
export interface CallContext {
  /**
   * From a transport: the OS login. After the dispatcher: the label of the principal, which is
   * what every audit event and record names.
   */
  actor: string;
  /** Set by the dispatcher from the method's acting declaration; absent in calls inside the core. */
  principal?: Principal;
  /**
   * From the team server: the account whose session made this call. The dispatcher then makes
   * it the principal (no "Acting as"). Absent on the desktop, in the CLI and in browser mode.
   */
  account?: SignedInAccount;
  /**
   * The caller may name files on this machine (the command line, or a path from a native
   * dialog). Page code never may: the renderer gets this false.
   */
  trustedPaths?: boolean;
}
