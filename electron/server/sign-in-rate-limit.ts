/**
 * Sign-in attempts per client address: at most `limit` in a window of `windowMs` that opens at
 * the first attempt. Counts every attempt (right or wrong), so guessing passwords across many
 * accounts from one address is slowed as much as guessing one (each account also locks itself
 * after five failures). In memory: a restart forgets the counts, which only ever lets more in.
 */
export interface SignInRateLimit {
  /** Counts an attempt; null when allowed, else the whole seconds until the address may try again. */
  attempt(address: string): number | null;
}

export interface RateLimitOptions {
  limit?: number;
  windowMs?: number;
  /** Milliseconds since the epoch; injected so tests move time on without waiting. */
  now?: () => number;
  /** Addresses remembered at most; past this, expired windows are dropped (and, if none, the oldest). */
  maxAddresses?: number;
}

export const signInLimitPerMinute = 10;

export function createSignInRateLimit(options: RateLimitOptions = {}): SignInRateLimit {
  const limit = options.limit ?? signInLimitPerMinute;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const maxAddresses = options.maxAddresses ?? 10_000;
  const windows = new Map<string, { opened: number; count: number }>();

  const forgetExpired = (at: number) => {
    for (const [address, window] of windows) if (at - window.opened >= windowMs) windows.delete(address);
    // Still full (a flood from many addresses at once): drop the oldest, which only lets more in.
    while (windows.size >= maxAddresses) {
      const oldest = windows.keys().next();
      if (oldest.done) break;
      windows.delete(oldest.value);
    }
  };

  return {
    attempt(address) {
      const at = now();
      let window = windows.get(address);
      if (window && at - window.opened >= windowMs) {
        windows.delete(address);
        window = undefined;
      }
      if (!window) {
        if (windows.size >= maxAddresses) forgetExpired(at);
        windows.set(address, { opened: at, count: 1 });
        return null;
      }
      if (window.count >= limit) return Math.max(1, Math.ceil((window.opened + windowMs - at) / 1000));
      window.count++;
      return null;
    },
  };
}
