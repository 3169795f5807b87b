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

/** Who is calling. Transports fill it in (OS user today; named people once roles exist). */
export interface CallContext {
  actor: string;
  /**
   * The caller may name files on this machine (the command line, or a path from a native
   * dialog). Page code never may: the renderer gets this false.
   */
  trustedPaths?: boolean;
}
