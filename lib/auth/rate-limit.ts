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

const globalForLimiter = globalThis as unknown as { berthSignInLimiter?: RateLimiter };
/** 5 failures per 15 minutes per IP and per email. */
export const signInLimiter = (globalForLimiter.berthSignInLimiter ??= createRateLimiter({
  max: 5,
  windowMs: 15 * 60_000,
}));
