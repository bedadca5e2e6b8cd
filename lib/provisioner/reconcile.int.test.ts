import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { docker } from './docker/connection';
import { CONTAINER_PIDS_LIMIT, LOG_ROTATION } from './docker/create-options';
import { dockerRuntime } from './docker/docker-runtime';
import type { Runtime } from './runtime';
import { L, baseLabels, containerName, managedLabels, networkName, specHash, volumeName } from './labels';
import { observeProject } from './observe';
import { plan } from './plan';
import { reconcile } from './reconcile';
import type { ContainerSpec, WantedContainer, WantedProject } from './spec';

/** The reconciler alone (no database, no catalog): plain wanted state against the real engine. */
const runtime = dockerRuntime();
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
const ids = async () => Object.fromEntries((await observeProject(runtime, projectId)).containers.map((c) => [c.name, c.id]));
const deadline = () => Date.now() + 120_000;

describe('reconcile against the real engine', () => {
  afterAll(async () => {
    await reconcile(runtime, { projectId, network: null, volumes: [], containers: [] }, { deadline: deadline() });
    const left = await observeProject(runtime, projectId);
    expect([left.containers, left.networks, left.volumes].flat()).toEqual([]);
  });

  it('converges from nothing, and a second run plans nothing', async () => {
    const want = wanted([container('a-main-0'), container('b-main-0')]);
    const first = await reconcile(runtime, want, { deadline: deadline() });
    expect(first).toMatchObject({ converged: true, applied: 4 }); // network, volume, two containers
    expect(plan(want, await observeProject(runtime, projectId))).toEqual([]);
    expect(await reconcile(runtime, want, { deadline: deadline() })).toEqual({ applied: 0, rounds: 1, converged: true, remaining: [] });
    const observed = await observeProject(runtime, projectId);
    expect(observed.containers.map((c) => c.state)).toEqual(['running', 'running']);
    expect(observed.networks.map((n) => n.name)).toEqual([net]);
  });

  it('replaces only the container whose spec changed, and starts or stops without replacing', async () => {
    const before = await ids();
    const changed = wanted([container('a-main-0'), container('b-main-0', { limits: { nanoCpus: 500_000_000, memoryBytes: 64 * 1024 * 1024 } })]);
    const steps = plan(changed, await observeProject(runtime, projectId)).map((s) => s.action);
    expect(steps).toEqual(['removeContainer', 'createContainer']);
    expect((await reconcile(runtime, changed, { deadline: deadline() })).converged).toBe(true);
    const after = await ids();
    const a = containerName(projectId, 'a-main-0');
    const b = containerName(projectId, 'b-main-0');
    expect(after[a]).toBe(before[a]);
    expect(after[b]).not.toBe(before[b]);

    const stopped = wanted([container('a-main-0'), container('b-main-0', { running: false, limits: { nanoCpus: 500_000_000, memoryBytes: 64 * 1024 * 1024 } })]);
    expect(plan(stopped, await observeProject(runtime, projectId)).map((s) => s.action)).toEqual(['stopContainer']);
    await reconcile(runtime, stopped, { deadline: deadline() });
    expect(await ids()).toEqual(after);
  });

  it('recreates a container removed behind its back, and refuses a same-named container it did not create', async () => {
    const want = wanted([container('a-main-0')]);
    const a = containerName(projectId, 'a-main-0');
    await reconcile(runtime, want, { deadline: deadline() }); // removes b (not wanted any more)
    await runtime.removeContainer(a, 0);
    expect((await reconcile(runtime, want, { deadline: deadline() })).applied).toBe(1);
    expect((await observeProject(runtime, projectId)).containers.map((c) => c.name)).toEqual([a]);

    // A foreign container holding a wanted name: an error that names it, never a silent reuse.
    const foreign = container('c-main-0');
    const foreignLabels = managedLabels({ purpose: 'not berth' }); // no project label: not observed
    await runtime.createContainer({ ...foreign.spec, network: { mode: 'bridge', name: net, aliases: [] } }, foreignLabels);
    try {
      await expect(reconcile(runtime, wanted([container('a-main-0'), foreign]), { deadline: deadline() })).rejects.toThrow(
        /exists that Berth did not create/,
      );
    } finally {
      await runtime.removeContainer(foreign.spec.name, 0);
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
    await runtime.exec(a, ['sh', '-c', 'echo kept > /data/marker']);
    await runtime.stopContainer(a, 0);
    const before = (await ids())[a];
    // The engine's answer for such a container, once; a second start would work but is never tried.
    let starts = 0;
    const flaky: Runtime = {
      ...runtime,
      async startContainer(id) {
        starts++;
        throw Object.assign(new Error(`(HTTP code 500) server error - failed to create task for container: task ${id} already exists: unknown`), { statusCode: 500 });
      },
    };
    const result = await reconcile(flaky, want, { deadline: deadline() });
    expect(result.converged).toBe(true);
    expect(starts).toBe(1);
    const after = (await ids())[a];
    expect(after).not.toBe(before);
    expect((await runtime.inspectContainer(a))?.state).toBe('running');
    expect((await runtime.exec(a, ['cat', '/data/marker'])).stdout.trim()).toBe('kept');
  });
});
