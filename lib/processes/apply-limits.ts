import { L } from '@/lib/provisioner/labels';
import { buildWantedProject } from '@/lib/provisioner/wanted';
import type { ProcessContext } from './context';

/**
 * CPU and memory limits are not part of a container's spec hash (the autoscaler moves them in
 * place, and a version being rolled out starts with a CPU boost), so the wanted limits reach a
 * service's running containers here: in place, without a restart. New containers start with them.
 */
export async function applyLimits(ctx: ProcessContext, projectId: string, serviceId: string): Promise<void> {
  const wanted = await buildWantedProject(ctx.db, ctx.engine, projectId);
  let changed = 0;
  for (const { spec } of wanted.containers.filter((c) => c.spec.labels[L.service] === serviceId)) {
    const live = await ctx.engine.inspectContainer(spec.name);
    if (live?.state !== 'running') continue;
    const want = spec.limits;
    if (live.limits && live.limits.nanoCpus === want.nanoCpus && live.limits.memoryBytes === want.memoryBytes) continue;
    await ctx.engine.updateContainer(live.id, { nanoCpus: want.nanoCpus, memoryBytes: want.memoryBytes });
    changed++;
  }
  if (changed) await ctx.log(`CPU and memory limits applied in place to ${changed} container${changed === 1 ? '' : 's'}`, { step: 'limits' });
}
