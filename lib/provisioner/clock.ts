/** Time as an injectable dependency, so waits and deadlines are testable without real sleeping. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

export interface RetryOptions {
  timeoutMs: number;
  /** First pause between attempts; doubles up to `maxIntervalMs`. */
  intervalMs?: number;
  maxIntervalMs?: number;
  clock?: Clock;
  /** Called between attempts (a process step boundary: cancel, deadline); may throw to stop. */
  between?: () => Promise<void>;
}

/**
 * Calls `fn` until `predicate` accepts its result, or throws what `onTimeout` returns once
 * `timeoutMs` has passed. The one retry loop of the provisioner (no ad-hoc setTimeout loops).
 */
export async function retryUntil<T>(
  fn: () => Promise<T>,
  predicate: (value: T) => boolean,
  onTimeout: (last: T | undefined) => Error,
  opts: RetryOptions,
): Promise<T> {
  const clock = opts.clock ?? systemClock;
  const deadline = clock.now() + opts.timeoutMs;
  let pause = opts.intervalMs ?? 100;
  let last: T | undefined;
  for (;;) {
    last = await fn();
    if (predicate(last)) return last;
    if (clock.now() >= deadline) throw onTimeout(last);
    await clock.sleep(Math.min(pause, Math.max(1, deadline - clock.now())));
    pause = Math.min(pause * 2, opts.maxIntervalMs ?? 1_000);
    await opts.between?.();
  }
}

/** A clock that only moves when told to: `sleep` advances it at once (for unit tests). */
export function fakeClock(start = 0): Clock & { advance(ms: number): void; slept: number[] } {
  let t = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    advance(ms) {
      t += ms;
    },
    async sleep(ms) {
      slept.push(ms);
      t += ms;
    },
  };
}
