import { L } from './labels';
import type { ObservedProject, WantedProject } from './spec';
import type { Step } from './steps';

/**
 * Pure: what to do so that Docker (observed) matches the wanted state. No I/O, no clock.
 * Order: remove what is unwanted or outdated (containers → volumes → network), then create
 * (network → volumes → containers), then start/stop what exists.
 */
export function plan(wanted: WantedProject, observed: ObservedProject): Step[] {
  const removes: Step[] = [];
  const creates: Step[] = [];
  const runState: Step[] = [];

  const wantedByName = new Map(wanted.containers.map((c) => [c.spec.name, c]));
  const seen = new Set<string>();
  for (const current of observed.containers) {
    const want = wantedByName.get(current.name);
    if (!want || seen.has(current.name)) {
      removes.push({ action: 'removeContainer', current, reason: want ? 'duplicate' : 'not wanted' });
      continue;
    }
    seen.add(current.name);
    if (current.labels[L.specHash] !== want.hash) {
      removes.push({ action: 'removeContainer', current, reason: 'spec changed' });
      creates.push({ action: 'createContainer', target: want.spec, hash: want.hash });
      continue;
    }
    const running = current.state === 'running' || current.state === 'restarting';
    if (want.spec.running && !running) runState.push({ action: 'startContainer', current });
    if (!want.spec.running && running) runState.push({ action: 'stopContainer', current });
  }
  for (const want of wanted.containers) {
    if (!seen.has(want.spec.name)) creates.push({ action: 'createContainer', target: want.spec, hash: want.hash });
  }

  const wantedVolumes = new Set(wanted.volumes.map((v) => v.name));
  const observedVolumes = new Set(observed.volumes.map((v) => v.name));
  for (const v of observed.volumes) {
    if (!wantedVolumes.has(v.name)) removes.push({ action: 'removeVolume', current: { name: v.name } });
  }
  const volumeCreates = wanted.volumes
    .filter((v) => !observedVolumes.has(v.name))
    .map((target): Step => ({ action: 'createVolume', target }));

  const networkCreates: Step[] = [];
  for (const n of observed.networks) {
    if (!wanted.network || n.name !== wanted.network.name) removes.push({ action: 'removeNetwork', current: { id: n.id, name: n.name } });
  }
  if (wanted.network && !observed.networks.some((n) => n.name === wanted.network!.name)) {
    networkCreates.push({ action: 'createNetwork', target: wanted.network });
  }

  const order = { removeContainer: 0, removeVolume: 1, removeNetwork: 2 } as Record<string, number>;
  removes.sort((a, b) => (order[a.action] ?? 0) - (order[b.action] ?? 0));
  return [...removes, ...networkCreates, ...volumeCreates, ...creates, ...runState];
}
