import { describe, expect, it } from 'vitest';
import { sortableTimestamp } from './collector';

describe('sortableTimestamp', () => {
  it('pads trimmed nanoseconds so later times sort later', () => {
    const a = sortableTimestamp('2026-11-23T07:03:01.1234Z');
    const b = sortableTimestamp('2026-11-23T07:03:01.12345Z');
    const c = sortableTimestamp('2026-11-23T07:03:01Z');
    expect(a).toBe('2026-11-23T07:03:01.123400000Z');
    expect([b, a, c].sort()).toEqual([c, a, b]);
  });
});
