import { env } from '@/lib/env';
import { L, instanceId } from './labels';
import type { Engine } from './engine';

export interface OrphanSweep {
  removedContainers: string[];
  removedNetworks: string[];
  /** Volumes of unknown projects are never removed automatically: they may hold the only copy of data. */
  keptVolumes: string[];
}

/**
 * Removes containers and networks that carry Berth's labels for a project this database does not
 * know (a deletion interrupted before its process existed, a wiped database). Only objects of this
 * instance's run are touched: a test run's objects (berth.test-run) are left to that run, and a test
 * run touches only its own. Another Berth instance on the same engine (or an object from before
 * instance labels) is never touched: only objects labelled with this instance's id. Volumes are
 * kept and reported.
 */
export async function sweepOrphans(engine: Engine, knownProjectIds: ReadonlySet<string>, instance = instanceId()): Promise<OrphanSweep> {
  const managed = { [L.managed]: 'true' };
  const [containers, networks, volumes] = await Promise.all([
    engine.listContainers(managed),
    engine.listNetworks(managed),
    engine.listVolumes(managed),
  ]);
  const orphan = (labels: Record<string, string>) => {
    const project = labels[L.project];
    return !!project && !knownProjectIds.has(project) && labels[L.testRun] === env.BERTH_RUN_ID && labels[L.instance] === instance;
  };
  const result: OrphanSweep = { removedContainers: [], removedNetworks: [], keptVolumes: [] };
  for (const c of containers.filter((x) => orphan(x.labels))) {
    await engine.removeContainer(c.id);
    result.removedContainers.push(c.name);
  }
  for (const n of networks.filter((x) => orphan(x.labels))) {
    await engine.removeNetwork(n.id);
    result.removedNetworks.push(n.name);
  }
  result.keptVolumes = volumes.filter((v) => orphan(v.labels)).map((v) => v.name);
  return result;
}
