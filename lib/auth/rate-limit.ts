/**
 * Sliding-window limiter for failed sign-ins, per key (IP and email separately).
 * In-process memory: Berth serves from one Node process (the worker lives beside it).
 */
export interface RateLimiter {
  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string, now?: number): number;
  fail(key: string, now?: number): void;
  reset(key: string): void;
}

export function createRateLimiter(opts: { max: number; windowMs: number }): RateLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number) => {
    const list = (failures.get(key) ?? []).filter((t) => now - t < opts.windowMs);
    if (list.length) failures.set(key, list);
    else failures.delete(key);
    return list;
  };
  return {
    retryAfter(key, now = Date.now()) {
      const list = recent(key, now);
      if (list.length < opts.max) return 0;
      return opts.windowMs - (now - list[list.length - opts.max]!);
    },
    fail(key, now = Date.now()) {
      failures.set(key, [...recent(key, now), now]);
    },
    reset(key) {
      failures.delete(key);
    },
  };
}

/**
 * Per-key lockout with exponential back-off: after `free` failures the key waits `baseMs`, and
 * every further failure (one attempt after each wait) doubles the wait up to `maxMs`. An attacker
 * cannot hold a steady guessing rate: the guesses per day fall with every round. The count is
 * forgotten `forgetMs` after the last wait ends, and on a success.
 */
export function createBackoffLimiter(opts: { free: number; baseMs: number; maxMs: number; forgetMs: number }): RateLimiter {
  const state = new Map<string, { failures: number; lastAt: number }>();
  const lockMs = (failures: number) => (failures < opts.free ? 0 : Math.min(opts.maxMs, opts.baseMs * 2 ** (failures - opts.free)));
  const current = (key: string, now: number) => {
    const s = state.get(key);
    if (s && now - s.lastAt >= lockMs(s.failures) + opts.forgetMs) {
      state.delete(key);
      return undefined;
    }
    return s;
  };
  return {
    retryAfter(key, now = Date.now()) {
      const s = current(key, now);
      return s ? Math.max(0, lockMs(s.failures) - (now - s.lastAt)) : 0;
    },
    fail(key, now = Date.now()) {
      const s = current(key, now);
      state.set(key, { failures: (s?.failures ?? 0) + 1, lastAt: now });
    },
    reset(key) {
      state.delete(key);
    },
  };
}

export interface SignInLimiters {
  ip: RateLimiter;
  email: RateLimiter;
}

declare global {
  var berthSignInLimiters: SignInLimiters | undefined;
}
/**
 * Per email: 5 failures, then a 15-minute lockout that doubles with each further failure (up to a
 * day). Per client address: 20 per 15 minutes (several people behind one NAT may mistype; one
 * address still cannot guess at many accounts).
 */
export const signInLimiters: SignInLimiters = (globalThis.berthSignInLimiters ??= {
  email: createBackoffLimiter({ free: 5, baseMs: 15 * 60_000, maxMs: 24 * 3600_000, forgetMs: 24 * 3600_000 }),
  ip: createRateLimiter({ max: 20, windowMs: 15 * 60_000 }),
});
