import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { docker } from './docker/connection';
import { CONTAINER_PIDS_LIMIT, LOG_ROTATION } from './docker/create-options';
import { dockerEngine } from './docker/docker-engine';
import type { Engine } from './engine';
import { L, baseLabels, containerName, managedLabels, networkName, specHash, volumeName } from './labels';
import { observeProject } from './observe';
import { plan } from './plan';
import { reconcile } from './reconcile';
import type { ContainerSpec, WantedContainer, WantedProject } from './spec';

/** The reconciler alone (no database, no catalog): plain wanted state against the real engine. */
const engine = dockerEngine();
const projectId = crypto.randomUUID();
const image = 'berth/debian:12';
const net = networkName(projectId);
const vol = volumeName(projectId, 'a-main-0-data');

function container(local: string, over: Partial<ContainerSpec> = {}): WantedContainer {
  const spec: ContainerSpec = {
    name: containerName(projectId, local),
    image,
    env: {},
    cmd: ['sleep', 'infinity'],
    labels: baseLabels(projectId, { [L.container]: local, [L.role]: 'main' }),
    mounts: local === 'a-main-0' ? [{ volume: vol, path: '/data' }] : [],
    network: { mode: 'bridge', name: net, aliases: [local, 'svc'] },
    limits: { nanoCpus: 250_000_000, memoryBytes: 64 * 1024 * 1024 },
    restart: 'unless-stopped',
    stopSignal: 'SIGKILL',
    running: true,
    ...over,
  };
  return { spec, hash: specHash({ ...spec, running: undefined }) };
}

const wanted = (containers: WantedContainer[]): WantedProject => ({
  projectId,
  network: { name: net, labels: baseLabels(projectId) },
  volumes: [{ name: vol, labels: baseLabels(projectId) }],
  containers,
});
const ids = async () => Object.fromEntries((await observeProject(engine, projectId)).containers.map((c) => [c.name, c.id]));
const deadline = () => Date.now() + 120_000;

describe('reconcile against the real engine', () => {
  afterAll(async () => {
    await reconcile(engine, { projectId, network: null, volumes: [], containers: [] }, { deadline: deadline() });
    const left = await observeProject(engine, projectId);
    expect([left.containers, left.networks, left.volumes].flat()).toEqual([]);
  });

  it('reconciles from nothing, and a second run plans nothing', async () => {
    const want = wanted([container('a-main-0'), container('b-main-0')]);
    const first = await reconcile(engine, want, { deadline: deadline() });
    expect(first).toMatchObject({ settled: true, applied: 4 }); // network, volume, two containers
    expect(plan(want, await observeProject(engine, projectId))).toEqual([]);
    expect(await reconcile(engine, want, { deadline: deadline() })).toEqual({ applied: 0, rounds: 1, settled: true, remaining: [] });
    const observed = await observeProject(engine, projectId);
    expect(observed.containers.map((c) => c.state)).toEqual(['running', 'running']);
    expect(observed.networks.map((n) => n.name)).toEqual([net]);
  });

  it('replaces only the container whose spec changed, and starts or stops without replacing', async () => {
    const before = await ids();
    const changed = wanted([container('a-main-0'), container('b-main-0', { limits: { nanoCpus: 500_000_000, memoryBytes: 64 * 1024 * 1024 } })]);
    const steps = plan(changed, await observeProject(engine, projectId)).map((s) => s.action);
    expect(steps).toEqual(['removeContainer', 'createContainer']);
    expect((await reconcile(engine, changed, { deadline: deadline() })).settled).toBe(true);
    const after = await ids();
    const a = containerName(projectId, 'a-main-0');
    const b = containerName(projectId, 'b-main-0');
    expect(after[a]).toBe(before[a]);
    expect(after[b]).not.toBe(before[b]);

    const stopped = wanted([container('a-main-0'), container('b-main-0', { running: false, limits: { nanoCpus: 500_000_000, memoryBytes: 64 * 1024 * 1024 } })]);
    expect(plan(stopped, await observeProject(engine, projectId)).map((s) => s.action)).toEqual(['stopContainer']);
    await reconcile(engine, stopped, { deadline: deadline() });
    expect(await ids()).toEqual(after);
  });

  it('recreates a container removed behind its back, and refuses a same-named container it did not create', async () => {
    const want = wanted([container('a-main-0')]);
    const a = containerName(projectId, 'a-main-0');
    await reconcile(engine, want, { deadline: deadline() }); // removes b (not wanted any more)
    await engine.removeContainer(a, 0);
    expect((await reconcile(engine, want, { deadline: deadline() })).applied).toBe(1);
    expect((await observeProject(engine, projectId)).containers.map((c) => c.name)).toEqual([a]);

    // A foreign container holding a wanted name: an error that names it, never a silent reuse.
    const foreign = container('c-main-0');
    const foreignLabels = managedLabels({ purpose: 'not berth' }); // no project label: not observed
    await engine.createContainer({ ...foreign.spec, network: { mode: 'bridge', name: net, aliases: [] } }, foreignLabels);
    try {
      await expect(reconcile(engine, wanted([container('a-main-0'), foreign]), { deadline: deadline() })).rejects.toThrow(
        /exists that Berth did not create/,
      );
    } finally {
      await engine.removeContainer(foreign.spec.name, 0);
    }
  });

  it('every container has a PID limit and rotated logs', async () => {
    const a = containerName(projectId, 'a-main-0');
    const info = await docker().getContainer(a).inspect();
    expect(info.HostConfig.PidsLimit).toBe(CONTAINER_PIDS_LIMIT);
    expect(info.HostConfig.LogConfig).toEqual({ Type: 'json-file', Config: LOG_ROTATION });
  });

  it('replaces a container the engine will not start (after a dockerd restart: "task already exists"), on the same volume', async () => {
    const want = wanted([container('a-main-0')]);
    const a = containerName(projectId, 'a-main-0');
    await engine.exec(a, ['sh', '-c', 'echo kept > /data/marker']);
    await engine.stopContainer(a, 0);
    const before = (await ids())[a];
    // The engine's answer for such a container, once; a second start would work but is never tried.
    let starts = 0;
    const flaky: Engine = {
      ...engine,
      async startContainer(id) {
        starts++;
        throw Object.assign(new Error(`(HTTP code 500) server error - failed to create task for container: task ${id} already exists: unknown`), { statusCode: 500 });
      },
    };
    const result = await reconcile(flaky, want, { deadline: deadline() });
    expect(result.settled).toBe(true);
    expect(starts).toBe(1);
    const after = (await ids())[a];
    expect(after).not.toBe(before);
    expect((await engine.inspectContainer(a))?.state).toBe('running');
    expect((await engine.exec(a, ['cat', '/data/marker'])).stdout.trim()).toBe('kept');
  });
});
