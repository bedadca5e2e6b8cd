import { describe, expect, it } from 'vitest';
import { markIntendedStop, takeIntendedStop } from './intended';

describe('intended stops', () => {
  it('are used up by the first death, and expire', () => {
    markIntendedStop('berth-1-app-0', 1_000);
    expect(takeIntendedStop('/berth-1-app-0', 2_000)).toBe(true);
    expect(takeIntendedStop('berth-1-app-0', 2_000)).toBe(false); // the next death is a crash
    markIntendedStop('berth-1-app-1', 1_000);
    expect(takeIntendedStop('berth-1-app-1', 1_000 + 61_000)).toBe(false);
    expect(takeIntendedStop('never-marked')).toBe(false);
  });
});
