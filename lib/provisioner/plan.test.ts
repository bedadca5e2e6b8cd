import { describe, expect, it } from 'vitest';
import { plan } from './plan';
import type { ContainerSpec, ObservedContainer, ObservedProject, WantedContainer, WantedProject } from './spec';

const spec = (name: string, over: Partial<ContainerSpec> = {}): ContainerSpec => ({
  name,
  image: 'berth/nodejs:18',
  env: {},
  labels: {},
  mounts: [],
  network: { mode: 'bridge', name: 'net', aliases: [] },
  limits: { nanoCpus: 0, memoryBytes: 0 },
  restart: 'unless-stopped',
  running: true,
  ...over,
});
const wantC = (name: string, hash = 'h1', over: Partial<ContainerSpec> = {}): WantedContainer => ({ spec: spec(name, over), hash });
const desired = (over: Partial<WantedProject> = {}): WantedProject => ({
  projectId: 'p',
  network: { name: 'net', labels: {} },
  volumes: [],
  containers: [],
  ...over,
});
const obsC = (name: string, hash = 'h1', state = 'running'): ObservedContainer => ({
  id: `id-${name}`,
  name,
  labels: { 'berth.spec-hash': hash },
  state,
  restartCount: 0,
});
const actual = (over: Partial<ObservedProject> = {}): ObservedProject => ({
  networks: [{ id: 'n1', name: 'net', labels: {} }],
  volumes: [],
  containers: [],
  ...over,
});
const actions = (steps: ReturnType<typeof plan>) =>
  steps.map((s) => `${s.action} ${'target' in s ? s.target.name : s.current.name}`);

describe('plan', () => {
  it('creates network, volumes and containers from nothing, in that order', () => {
    const steps = plan(
      desired({ volumes: [{ name: 'v1', labels: {} }], containers: [wantC('a')] }),
      { networks: [], volumes: [], containers: [] },
    );
    expect(actions(steps)).toEqual(['createNetwork net', 'createVolume v1', 'createContainer a']);
  });

  it('plans nothing when everything matches', () => {
    expect(plan(desired({ containers: [wantC('a')] }), actual({ containers: [obsC('a')] }))).toEqual([]);
  });

  it('replaces a container whose spec hash changed', () => {
    const steps = plan(desired({ containers: [wantC('a', 'h2')] }), actual({ containers: [obsC('a', 'h1')] }));
    expect(actions(steps)).toEqual(['removeContainer a', 'createContainer a']);
  });

  it('starts a stopped container that should run, and stops one that should not', () => {
    const steps = plan(
      desired({ containers: [wantC('a'), wantC('b', 'h1', { running: false })] }),
      actual({ containers: [obsC('a', 'h1', 'exited'), obsC('b')] }),
    );
    expect(actions(steps)).toEqual(['startContainer a', 'stopContainer b']);
  });

  it('recreates a container that disappeared', () => {
    expect(actions(plan(desired({ containers: [wantC('a'), wantC('b')] }), actual({ containers: [obsC('a')] })))).toEqual([
      'createContainer b',
    ]);
  });

  it('removes unwanted and duplicate containers, then unwanted volumes', () => {
    const steps = plan(
      desired({ containers: [wantC('a')] }),
      actual({ containers: [obsC('a'), obsC('a'), obsC('old')], volumes: [{ name: 'gone', labels: {} }] }),
    );
    expect(actions(steps)).toEqual(['removeContainer a', 'removeContainer old', 'removeVolume gone']);
  });

  it('tears everything down when the project is destroyed', () => {
    const steps = plan(
      { projectId: 'p', network: null, volumes: [], containers: [] },
      actual({ containers: [obsC('a')], volumes: [{ name: 'v', labels: {} }] }),
    );
    expect(actions(steps)).toEqual(['removeContainer a', 'removeVolume v', 'removeNetwork net']);
  });
});
