import { describe, expect, it } from 'vitest';
import { canonical, specHash } from './labels';
import type { ContainerSpec } from './spec';
import { serviceContainerHash } from './wanted';

const spec = (over: Partial<ContainerSpec> = {}): ContainerSpec => ({
  name: 'berth-1234abcd-app-runtime-0',
  image: 'berth/nodejs:18',
  env: { PORT: '3000', GREETING: 'hi' },
  labels: { 'berth.managed': 'true' },
  mounts: [],
  network: { mode: 'bridge', name: 'berth-p', aliases: ['app'] },
  limits: { nanoCpus: 1e9, memoryBytes: 512 * 1024 * 1024 },
  restart: 'unless-stopped',
  running: true,
  ...over,
});

describe('spec hash', () => {
  it('ignores key order', () => {
    expect(canonical({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(specHash({ a: 1, b: 2 })).toBe(specHash({ b: 2, a: 1 }));
  });

  it('does not change with the run state (start/stop is not a replacement)', () => {
    expect(serviceContainerHash(spec({ running: false }), 0)).toBe(serviceContainerHash(spec(), 0));
  });

  it('does not change with env: a variable change waits for the next restart', () => {
    expect(serviceContainerHash(spec({ env: { PORT: '3000', GREETING: 'bye' } }), 0)).toBe(serviceContainerHash(spec(), 0));
  });

  it('does not change with the CPU and memory limits: the autoscaler changes them in place', () => {
    expect(serviceContainerHash(spec({ limits: { nanoCpus: 2e9, memoryBytes: 1024 * 1024 * 1024 } }), 0)).toBe(serviceContainerHash(spec(), 0));
  });

  it('changes with the generation a restart bumps, and with image, mounts or aliases', () => {
    const base = serviceContainerHash(spec(), 0);
    expect(serviceContainerHash(spec(), 1)).not.toBe(base);
    expect(serviceContainerHash(spec({ image: 'berth/nodejs:20' }), 0)).not.toBe(base);
    expect(serviceContainerHash(spec({ mounts: [{ volume: 'v', path: '/data' }] }), 0)).not.toBe(base);
    expect(serviceContainerHash(spec({ network: { mode: 'bridge', name: 'berth-p', aliases: ['app', 'x'] } }), 0)).not.toBe(base);
  });
});
