import type { Role } from '../contract/index.ts';
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
}

/**
 * Who acts, as the dispatcher established it: a verified person in a role, or (only where the
 * method allows nobody to be named) the OS login of whoever runs Vigil.
 */
export type Principal = ActingPerson | { osLogin: string };

export const isPerson = (p: Principal | undefined): p is ActingPerson => p !== undefined && 'name' in p;

/** How a principal is written in the ledger and in answeredBy, addedBy, createdBy…: "Name (role)" or "os:login". */
export const actorLabel = (p: Principal): string => ('name' in p ? `${p.name} (${p.role})` : `os:${p.osLogin}`);

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
   * The caller may name files on this machine (the command line, or a path from a native
   * dialog). Page code never may: the renderer gets this false.
   */
  trustedPaths?: boolean;
}
