import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { validateAutoscaling, withinRanges } from './ranges';

const host = { cpus: 2, memoryBytes: 4 * 1024 ** 3 };
const runtime = { type: 'nodejs', displayName: 'Node.js', category: 'runtime' as const };
const db = { type: 'postgresql', displayName: 'PostgreSQL', category: 'database' as const };

function refusal(fn: () => void): { message: string; fields: string[] } {
  try {
    fn();
  } catch (err) {
    if (isAppError(err)) return { message: err.message, fields: Object.keys(err.fieldErrors ?? {}) };
    throw err;
  }
  throw new Error('not refused');
}

describe('autoscaling settings against the host', () => {
  it('accepts settings within the host', () => {
    expect(() => validateAutoscaling({ cpuMode: 'SHARED', minCpu: 0.5, maxCpu: 2, minRam: 0.25, maxRam: 4, minFreeRamGB: 0.125, minContainers: 1, maxContainers: 3 }, runtime, host)).not.toThrow();
  });
  it('refuses more CPU or memory than the host has, naming the field and the limit', () => {
    expect(refusal(() => validateAutoscaling({ maxCpu: 8 }, runtime, host))).toEqual({ message: 'maxCpu: at most 2 CPU cores (the host has 2)', fields: ['maxCpu'] });
    expect(refusal(() => validateAutoscaling({ maxRam: 64 }, runtime, host)).message).toBe('maxRam: at most 4 GB (the host has 4 GB of memory)');
    expect(refusal(() => validateAutoscaling({ minCpu: 0.01 }, runtime, host, 'autoscaling.')).fields).toEqual(['autoscaling.minCpu']);
  });
  it('refuses inverted ranges and a start outside the range', () => {
    expect(refusal(() => validateAutoscaling({ minCpu: 1, maxCpu: 0.5 }, runtime, host)).message).toBe('maxCpu: must be at least minCpu (1)');
    expect(refusal(() => validateAutoscaling({ minRam: 2, maxRam: 1 }, runtime, host)).fields).toEqual(['maxRam']);
    expect(refusal(() => validateAutoscaling({ minCpu: 1, maxCpu: 2, startCpuCoreCount: 0.5 }, runtime, host)).fields).toEqual(['startCpuCoreCount']);
    expect(refusal(() => validateAutoscaling({ minContainers: 3, maxContainers: 2 }, runtime, host)).message).toBe('maxContainers: must be at least minContainers (3)');
    expect(refusal(() => validateAutoscaling({ maxRam: 1, minFreeRamGB: 1 }, runtime, host)).fields).toEqual(['minFreeRamGB']);
  });
  it('keeps managed services to one container', () => {
    expect(refusal(() => validateAutoscaling({ maxContainers: 3 }, db, host)).message).toContain('PostgreSQL runs a fixed topology');
  });
  it('moves the current resources and count into the ranges', () => {
    expect(withinRanges({ resources: { cpu: 1, memoryMb: 512 }, containerCount: 1 }, { minCpu: 0.25, maxCpu: 0.5, minRam: 1, minContainers: 2 }, true)).toEqual({
      resources: { cpu: 0.5, memoryMb: 1024 },
      containerCount: 2,
    });
    expect(withinRanges({ resources: { cpu: 1, memoryMb: 512 }, containerCount: 1 }, { startCpuCoreCount: 2 }, false).resources.cpu).toBe(2);
  });
});
