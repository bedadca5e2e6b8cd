import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { labelAudit } from '@/lib/testing/engine';
import { dockerEngine } from './docker/docker-engine';
import { L, baseLabels, containerName, networkName, volumeName, withInstance } from './labels';
import { sweepOrphans } from './orphans';

const engine = dockerEngine();

describe('orphan sweep', () => {
  const unknown = crypto.randomUUID();
  const known = crypto.randomUUID();
  const foreign = crypto.randomUUID();
  afterAll(async () => {
    for (const id of [unknown, known, foreign]) {
      const audit = await labelAudit(engine, id);
      for (const c of audit.containers) await engine.removeContainer(c, 0);
      for (const n of audit.networks) await engine.removeNetwork(n);
      for (const v of audit.volumes) await engine.removeVolume(v);
    }
  });

  async function objectsOf(projectId: string, instance?: string) {
    const net = networkName(projectId);
    const vol = volumeName(projectId, 'x-main-0-data');
    await engine.createNetwork(net, withInstance(baseLabels(projectId), instance));
    await engine.createVolume(vol, withInstance(baseLabels(projectId), instance));
    const labels = withInstance(baseLabels(projectId, { [L.container]: 'x-main-0' }), instance);
    await engine.createContainer(
      {
        name: containerName(projectId, 'x-main-0'),
        image: 'berth/debian:12',
        env: {},
        cmd: ['sleep', 'infinity'],
        labels,
        mounts: [{ volume: vol, path: '/data' }],
        network: { mode: 'bridge', name: net, aliases: ['x'] },
        limits: { nanoCpus: 0, memoryBytes: 0 },
        restart: 'no',
        running: false,
      },
      labels,
    );
  }

  it("removes an unknown project's containers and network, keeps its volumes, and leaves known projects alone", async () => {
    await objectsOf(unknown);
    await objectsOf(known);
    const swept = await sweepOrphans(engine, new Set([known]));
    expect(swept.removedContainers).toEqual([containerName(unknown, 'x-main-0')]);
    expect(swept.removedNetworks).toEqual([networkName(unknown)]);
    expect(swept.keptVolumes).toEqual([volumeName(unknown, 'x-main-0-data')]);
    expect(await labelAudit(engine, unknown)).toEqual({ containers: [], networks: [], volumes: [volumeName(unknown, 'x-main-0-data')] });
    expect((await labelAudit(engine, known)).containers).toHaveLength(1);
  });

  it("leaves another Berth instance's objects alone on the same engine", async () => {
    await objectsOf(foreign, 'another-instance');
    const swept = await sweepOrphans(engine, new Set([known]));
    expect(swept.removedContainers).toEqual([]);
    expect((await labelAudit(engine, foreign)).containers).toHaveLength(1);
  });
});
