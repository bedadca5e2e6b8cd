import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

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
