import { L } from './labels';
import type { Engine } from './engine';
import type { ObservedProject } from './spec';

/** Everything Docker holds for one project, found by label only. */
export async function observeProject(engine: Engine, projectId: string): Promise<ObservedProject> {
  const labels = { [L.managed]: 'true', [L.project]: projectId };
  const [containers, networks, volumes] = await Promise.all([
    engine.listContainers(labels),
    engine.listNetworks(labels),
    engine.listVolumes(labels),
  ]);
  return { containers, networks, volumes };
}

/** Project ids that have any managed container, network or volume (for orphan sweeps). */
export async function observedProjectIds(engine: Engine): Promise<string[]> {
  const labels = { [L.managed]: 'true' };
  const [containers, networks, volumes] = await Promise.all([
    engine.listContainers(labels),
    engine.listNetworks(labels),
    engine.listVolumes(labels),
  ]);
  const ids = new Set<string>();
  for (const o of [...containers, ...networks, ...volumes]) if (o.labels[L.project]) ids.add(o.labels[L.project]!);
  return [...ids];
}
