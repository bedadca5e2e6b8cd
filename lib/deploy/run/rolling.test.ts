import { describe, expect, it } from 'vitest';
import { ordinalOf, routedDuringRoll, runsDuringRoll } from './rolling';

const roll = (started: number, routed: number, removed: number) => ({ id: 'new', progress: { started, routed, removed } });

describe('rolling rollout selection', () => {
  it('runs every container when nothing rolls', () => {
    expect(runsDuringRoll('old', 0, undefined)).toBe(true);
    expect(runsDuringRoll('new', 3, undefined)).toBe(true);
  });

  it('runs the new containers below started and the old ones from removed up', () => {
    const r = roll(1, 0, 0);
    expect([0, 1].map((o) => runsDuringRoll('new', o, r))).toEqual([true, false]);
    expect([0, 1].map((o) => runsDuringRoll('old', o, r))).toEqual([true, true]);
    const after = roll(2, 1, 1);
    expect([0, 1].map((o) => runsDuringRoll('new', o, after))).toEqual([true, true]);
    expect([0, 1].map((o) => runsDuringRoll('old', o, after))).toEqual([false, true]);
  });

  it('routes the new containers below routed and the serving ones from routed up; nothing else', () => {
    const r = roll(1, 0, 0);
    expect([0, 1].map((o) => routedDuringRoll('new', o, 'old', r))).toEqual([false, false]);
    expect([0, 1].map((o) => routedDuringRoll('old', o, 'old', r))).toEqual([true, true]);
    const half = roll(1, 1, 0);
    expect([0, 1].map((o) => routedDuringRoll('new', o, 'old', half))).toEqual([true, false]);
    expect([0, 1].map((o) => routedDuringRoll('old', o, 'old', half))).toEqual([false, true]);
    expect(routedDuringRoll('other', 1, 'old', half)).toBe(false);
    expect(routedDuringRoll(undefined, 0, undefined, undefined)).toBe(true);
    expect(routedDuringRoll('old', 0, 'old', undefined)).toBe(true);
  });

  it('reads the ordinal from a local name', () => {
    expect(ordinalOf('app-v3-1')).toBe(1);
    expect(ordinalOf('app-v12-10')).toBe(10);
    expect(ordinalOf(undefined)).toBe(0);
  });
});
