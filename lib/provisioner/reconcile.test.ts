import { describe, expect, it } from 'vitest';
import { fakeClock } from './clock';
import { L } from './labels';
import { reconcile } from './reconcile';
import type { ContainerSpec, WantedProject } from './spec';
import { memoryEngine } from './testing/memory-engine';

const labels = { [L.managed]: 'true', [L.project]: 'p' };
const container = (name: string, hash = 'h1'): WantedProject['containers'][number] => {
  const spec: ContainerSpec = {
    name,
    image: 'img',
    env: {},
    labels,
    mounts: [{ volume: `${name}-data`, path: '/data' }],
    network: { mode: 'bridge', name: 'net', aliases: [] },
    limits: { nanoCpus: 0, memoryBytes: 0 },
    restart: 'unless-stopped',
    running: true,
  };
  return { spec, hash };
};
const wanted = (names: string[], hash = 'h1'): WantedProject => ({
  projectId: 'p',
  network: { name: 'net', labels },
  volumes: names.map((n) => ({ name: `${n}-data`, labels })),
  containers: names.map((n) => container(n, hash)),
});

describe('reconcile', () => {
  it('reconciles from nothing, then is idempotent', async () => {
    const mem = memoryEngine();
    const first = await reconcile(mem.engine, wanted(['a', 'b']));
    expect(first).toMatchObject({ settled: true, applied: 5, rounds: 2 });
    const second = await reconcile(mem.engine, wanted(['a', 'b']));
    expect(second).toMatchObject({ settled: true, applied: 0, rounds: 1 });
    expect([...mem.containers.values()].map((c) => c.labels[L.specHash])).toEqual(['h1', 'h1']);
  });

  it('replaces containers whose hash changed and removes what is no longer wanted', async () => {
    const mem = memoryEngine();
    await reconcile(mem.engine, wanted(['a', 'b']));
    const result = await reconcile(mem.engine, wanted(['a'], 'h2'));
    expect(result.settled).toBe(true);
    expect([...mem.containers.values()].map((c) => [c.name, c.labels[L.specHash]])).toEqual([['a', 'h2']]);
    expect([...mem.volumes.keys()]).toEqual(['a-data']);
  });

  it('stops at a step boundary when the hook throws, and a later run finishes the job', async () => {
    const mem = memoryEngine();
    const stopAt2 = reconcile(mem.engine, wanted(['a', 'b']), {
      beforeStep: (_s, i) => {
        if (i === 2) throw new Error('worker died');
      },
    });
    await expect(stopAt2).rejects.toThrow('worker died');
    expect(mem.calls).toEqual(['createNetwork net', 'createVolume a-data']);
    expect(await reconcile(mem.engine, wanted(['a', 'b']))).toMatchObject({ settled: true, applied: 3 });
  });

  it('reports what is left when the deadline passes', async () => {
    const mem = memoryEngine();
    const clock = fakeClock(1_000);
    const result = await reconcile(mem.engine, wanted(['a']), {
      clock,
      deadline: 1_500,
      onStep: () => clock.advance(1_000),
    });
    expect(result).toMatchObject({ settled: false, applied: 1, remaining: ['createVolume a-data', 'createContainer a'] });
  });

  it('tears a project down when nothing is wanted', async () => {
    const mem = memoryEngine();
    await reconcile(mem.engine, wanted(['a']));
    const result = await reconcile(mem.engine, { projectId: 'p', network: null, volumes: [], containers: [] });
    expect(result.settled).toBe(true);
    expect([mem.containers.size, mem.volumes.size, mem.networks.size]).toEqual([0, 0, 0]);
  });
});
