import { L } from './labels';
import type { Runtime } from './runtime';
import type { ObservedProject } from './spec';

/** Everything Docker holds for one project, found by label only. */
export async function observeProject(runtime: Runtime, projectId: string): Promise<ObservedProject> {
  const labels = { [L.managed]: 'true', [L.project]: projectId };
  const [containers, networks, volumes] = await Promise.all([
    runtime.listContainers(labels),
    runtime.listNetworks(labels),
    runtime.listVolumes(labels),
  ]);
  return { containers, networks, volumes };
}

/** Project ids that have any managed container, network or volume (for orphan sweeps). */
export async function observedProjectIds(runtime: Runtime): Promise<string[]> {
  const labels = { [L.managed]: 'true' };
  const [containers, networks, volumes] = await Promise.all([
    runtime.listContainers(labels),
    runtime.listNetworks(labels),
    runtime.listVolumes(labels),
  ]);
  const ids = new Set<string>();
  for (const o of [...containers, ...networks, ...volumes]) if (o.labels[L.project]) ids.add(o.labels[L.project]!);
  return [...ids];
}
