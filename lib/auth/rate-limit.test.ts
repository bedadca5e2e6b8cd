import { describe, expect, it } from 'vitest';
import { createBackoffLimiter, createRateLimiter } from './rate-limit';

describe('createRateLimiter', () => {
  it('allows up to max failures, then blocks until the window passes', () => {
    const l = createRateLimiter({ max: 3, windowMs: 1000 });
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfter('ip', 100 + i)).toBe(0);
      l.fail('ip', 100 + i);
    }
    expect(l.retryAfter('ip', 200)).toBe(900);
    expect(l.retryAfter('ip', 1101)).toBe(0);
  });

  it('keeps keys apart and resets on success', () => {
    const l = createRateLimiter({ max: 1, windowMs: 1000 });
    l.fail('a', 0);
    expect(l.retryAfter('a', 1)).toBeGreaterThan(0);
    expect(l.retryAfter('b', 1)).toBe(0);
    l.reset('a');
    expect(l.retryAfter('a', 1)).toBe(0);
  });
});

describe('createBackoffLimiter', () => {
  const MIN = 60_000;
  it('locks after the free failures and doubles the wait with each further failure, up to the cap', () => {
    const l = createBackoffLimiter({ free: 5, baseMs: 15 * MIN, maxMs: 24 * 60 * MIN, forgetMs: 24 * 60 * MIN });
    let now = 0;
    for (let i = 0; i < 5; i++) l.fail('a@x', now++);
    expect(l.retryAfter('a@x', now)).toBe(15 * MIN - 1);
    // An attacker who tries once after every lockout: 15, 30, 60, 120 … minutes, capped at a day.
    const waits: number[] = [];
    for (let round = 0; round < 8; round++) {
      now += l.retryAfter('a@x', now);
      l.fail('a@x', now);
      waits.push(l.retryAfter('a@x', now) / MIN);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1440, 1440]);
  });

  it('a success clears the count; so does a quiet day after the last lockout', () => {
    const l = createBackoffLimiter({ free: 2, baseMs: MIN, maxMs: 60 * MIN, forgetMs: 60 * MIN });
    l.fail('a', 0);
    l.fail('a', 1);
    expect(l.retryAfter('a', 2)).toBeGreaterThan(0);
    l.reset('a');
    expect(l.retryAfter('a', 2)).toBe(0);
    l.fail('b', 0);
    l.fail('b', 0);
    l.fail('b', MIN + 61 * MIN);
    expect(l.retryAfter('b', MIN + 61 * MIN)).toBe(0); // the earlier failures were forgotten: 1 failure, under the free count
  });
});
