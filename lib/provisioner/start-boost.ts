import type { Engine } from './engine';
import { hostCapacity } from './host-capacity';

/** A starting container's CPU limit: every host CPU (a start under a small limit takes several times longer). */
export const boostedNanoCpus = (): number => hostCapacity().cpus * 1e9;

/**
 * Gives a container that still has the start boost the CPU limit `nanoCpus`, in place (its memory
 * limit as it is). One that has another limit (the autoscaler's) is left alone. Whether it changed it.
 */
export async function dropBoost(engine: Engine, container: string, nanoCpus: number): Promise<boolean> {
  const live = await engine.inspectContainer(container);
  if (live?.limits?.nanoCpus !== boostedNanoCpus()) return false;
  await engine.updateContainer(live.id, { nanoCpus, memoryBytes: live.limits.memoryBytes });
  return true;
}
