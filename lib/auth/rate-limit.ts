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

export interface SignInLimiters {
  ip: RateLimiter;
  email: RateLimiter;
}

const globalForLimiter = globalThis as unknown as { berthSignInLimiters?: SignInLimiters };
/**
 * 5 failed sign-ins per 15 minutes per email; 20 per 15 minutes per IP address (several people
 * behind one NAT may mistype; one address still cannot guess at many accounts).
 */
export const signInLimiters: SignInLimiters = (globalForLimiter.berthSignInLimiters ??= {
  email: createRateLimiter({ max: 5, windowMs: 15 * 60_000 }),
  ip: createRateLimiter({ max: 20, windowMs: 15 * 60_000 }),
});
