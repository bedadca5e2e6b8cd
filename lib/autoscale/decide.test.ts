import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, decideCount, decideCpu, decideRam, type Reading } from './decide';
import { scalingRanges } from './ranges';

const t = { ...DEFAULT_TUNING, upSamples: 2, downSamples: 4, addSamples: 2, removeSamples: 3 };
const r = scalingRanges({ minCpu: 0.5, maxCpu: 2, minRam: 0.25, maxRam: 1, minFreeRamGB: 0.0625 }, { cpu: 1, memoryMb: 512 }, 1);
const cpu = (...xs: number[]): Reading[] => xs.map((c) => ({ cpu: c, ramMb: 100 }));
const ram = (...xs: number[]): Reading[] => xs.map((m) => ({ cpu: 0.1, ramMb: m }));

describe('vertical CPU decisions', () => {
  it('goes up after two hot readings (at least doubling), capped at maxCpu', () => {
    expect(decideCpu(cpu(0.1, 0.45, 0.5), 0.5, r, t)).toBe(1);
    expect(decideCpu(cpu(1.9, 1.95), 1.5, r, t)).toBe(2);
    expect(decideCpu(cpu(0.2, 0.5), 0.5, r, t)).toBeUndefined();
    expect(decideCpu(cpu(2, 2), 2, r, t)).toBeUndefined();
  });
  it('goes down only after the longer cold window, never under minCpu', () => {
    expect(decideCpu(cpu(0.1, 0.1, 0.1), 2, r, t)).toBeUndefined();
    expect(decideCpu(cpu(0.1, 0.1, 0.1, 0.1), 2, r, t)).toBe(1);
    expect(decideCpu(cpu(0, 0, 0, 0), 0.5, r, t)).toBeUndefined();
    expect(decideCpu(cpu(0, 0, 0, 0), 0.6, r, t)).toBe(0.5);
  });
  it('moves a limit outside the range back in', () => {
    expect(decideCpu(cpu(0.3), 4, r, t)).toBe(2);
  });
});

describe('vertical memory decisions', () => {
  it('goes up as soon as usage eats into the free memory, keeping minFreeRamGB free', () => {
    const next = decideRam(ram(480), 512, r, t)!;
    expect(next).toBeGreaterThan(512);
    expect(next - 480).toBeGreaterThanOrEqual(64);
    expect(decideRam(ram(1000), 1024, r, t)).toBeUndefined();
  });
  it('keeps minFreeRamPercent of the limit free', () => {
    const pct = scalingRanges({ minRam: 0.25, maxRam: 2, minFreeRamPercent: 50 }, { cpu: 1, memoryMb: 256 }, 1);
    const next = decideRam(ram(200), 300, pct, t)!;
    expect(next * 0.5).toBeGreaterThanOrEqual(200);
  });
  it('goes down slowly, never under usage plus the free memory', () => {
    expect(decideRam(ram(100, 100, 100), 1024, r, t)).toBeUndefined();
    const next = decideRam(ram(100, 100, 100, 100), 1024, r, t)!;
    expect(next).toBeLessThan(1024);
    expect(next).toBeGreaterThanOrEqual(256);
  });
});

describe('horizontal decisions', () => {
  const h = scalingRanges({ minContainers: 1, maxContainers: 3 }, { cpu: 1, memoryMb: 512 }, 1);
  it('adds over a sustained high average, only with the vertical range exhausted', () => {
    expect(decideCount([0.9, 0.95], 1, h, t, true)).toBe(1);
    expect(decideCount([0.9, 0.95], 1, h, t, false)).toBe(0);
    expect(decideCount([0.2, 0.95], 1, h, t, true)).toBe(0);
    expect(decideCount([0.9, 0.95], 3, h, t, true)).toBe(0);
  });
  it('removes over a longer low window, down to minContainers', () => {
    expect(decideCount([0.1, 0.1], 2, h, t, true)).toBe(0);
    expect(decideCount([0.1, 0.1, 0.1], 2, h, t, true)).toBe(-1);
    expect(decideCount([0.1, 0.1, 0.1], 1, h, t, true)).toBe(0);
  });
  it('brings a count outside the range back in', () => {
    expect(decideCount([], 5, h, t, true)).toBe(-1);
    expect(decideCount([], 0, h, t, true)).toBe(1);
  });
});
