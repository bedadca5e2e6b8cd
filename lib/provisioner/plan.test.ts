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
const wanted = (over: Partial<WantedProject> = {}): WantedProject => ({
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
/** The steps of one kind, by object name. */
const expectSteps = (action: string, steps: ReturnType<typeof plan>) =>
  expect(actions(steps).filter((a) => a.startsWith(`${action} `)).map((a) => a.slice(action.length + 1)));

describe('plan', () => {
  it('creates network, volumes and containers from nothing, in that order', () => {
    const steps = plan(
      wanted({ volumes: [{ name: 'v1', labels: {} }], containers: [wantC('a')] }),
      { networks: [], volumes: [], containers: [] },
    );
    expect(actions(steps)).toEqual(['createNetwork net', 'createVolume v1', 'createContainer a']);
  });

  it('plans nothing when everything matches', () => {
    expect(plan(wanted({ containers: [wantC('a')] }), actual({ containers: [obsC('a')] }))).toEqual([]);
  });

  it('replaces a container whose spec hash changed', () => {
    const steps = plan(wanted({ containers: [wantC('a', 'h2')] }), actual({ containers: [obsC('a', 'h1')] }));
    expect(actions(steps)).toEqual(['removeContainer a', 'createContainer a']);
  });

  it('starts a stopped container that should run, and stops one that should not', () => {
    const steps = plan(
      wanted({ containers: [wantC('a'), wantC('b', 'h1', { running: false })] }),
      actual({ containers: [obsC('a', 'h1', 'exited'), obsC('b')] }),
    );
    expect(actions(steps)).toEqual(['startContainer a', 'stopContainer b']);
  });

  it('recreates a container that disappeared', () => {
    expect(actions(plan(wanted({ containers: [wantC('a'), wantC('b')] }), actual({ containers: [obsC('a')] })))).toEqual([
      'createContainer b',
    ]);
  });

  it('removes unwanted and duplicate containers, then unwanted volumes', () => {
    const steps = plan(
      wanted({ containers: [wantC('a')] }),
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

  it('keeps wanted volumes and creates only the missing ones', () => {
    const steps = plan(
      wanted({ volumes: [{ name: 'v1', labels: {} }, { name: 'v2', labels: {} }] }),
      actual({ volumes: [{ name: 'v1', labels: {} }] }),
    );
    expect(actions(steps)).toEqual(['createVolume v2']);
  });

  it('replaces a network of another name (a project network is named by its id)', () => {
    const steps = plan(wanted(), actual({ networks: [{ id: 'n0', name: 'old', labels: {} }] }));
    expect(actions(steps)).toEqual(['removeNetwork old', 'createNetwork net']);
  });

  it('starts a created container that never started (a crash between create and start)', () => {
    expectSteps('startContainer', plan(wanted({ containers: [wantC('a')] }), actual({ containers: [obsC('a', 'h1', 'created')] }))).toEqual(['a']);
  });

  it('leaves a restarting container to Docker', () => {
    expect(plan(wanted({ containers: [wantC('a')] }), actual({ containers: [obsC('a', 'h1', 'restarting')] }))).toEqual([]);
  });

  it('does not start or stop a container whose spec changed: it is replaced in the wanted run state', () => {
    const steps = plan(wanted({ containers: [wantC('a', 'h2', { running: false })] }), actual({ containers: [obsC('a', 'h1')] }));
    expect(actions(steps)).toEqual(['removeContainer a', 'createContainer a']);
    expect(steps[1]).toMatchObject({ target: { running: false } });
  });

  it('scales: creates the missing replicas, removes the extra ones', () => {
    const up = plan(wanted({ containers: [wantC('r0'), wantC('r1'), wantC('r2')] }), actual({ containers: [obsC('r0')] }));
    expectSteps('createContainer', up).toEqual(['r1', 'r2']);
    const down = plan(wanted({ containers: [wantC('r0')] }), actual({ containers: [obsC('r0'), obsC('r1'), obsC('r2')] }));
    expectSteps('removeContainer', down).toEqual(['r1', 'r2']);
    expectSteps('createContainer', down).toEqual([]);
  });

  it('gives every removal a reason for the step log', () => {
    const steps = plan(wanted({ containers: [wantC('a', 'h2')] }), actual({ containers: [obsC('a'), obsC('b')] }));
    expect(steps.filter((s) => s.action === 'removeContainer').map((s) => ('reason' in s ? s.reason : ''))).toEqual(['spec changed', 'not wanted']);
  });
});
