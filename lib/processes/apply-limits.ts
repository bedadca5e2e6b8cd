import { eq } from 'drizzle-orm';
import { services } from '@/lib/db/schema';
import { boostedNanoCpus, dropBoost } from '@/lib/provisioner/start-boost';
import { L } from '@/lib/provisioner/labels';
import { buildWantedProject, serviceLimits } from '@/lib/provisioner/wanted';
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

/**
 * The service's containers that still have the start boost (every host CPU: a service being
 * created, started or restarted gets it) get the service's own CPU limit, in place. Cheaper than
 * applyLimits (no wanted state): it runs at the end of every start a user waits for.
 */
export async function dropStartBoost(ctx: ProcessContext, projectId: string, serviceId: string): Promise<void> {
  const [service] = await ctx.db.select({ resources: services.resources }).from(services).where(eq(services.id, serviceId));
  const own = service && serviceLimits(service.resources);
  if (!own || own.nanoCpus >= boostedNanoCpus()) return;
  const list = await ctx.engine.listContainers({ [L.managed]: 'true', [L.project]: projectId, [L.service]: serviceId });
  const changed = await Promise.all(list.map((c) => dropBoost(ctx.engine, c.name, own.nanoCpus)));
  const n = changed.filter(Boolean).length;
  if (n) await ctx.log(`started with every CPU; now ${own.nanoCpus / 1e9} CPU (${n} container${n === 1 ? '' : 's'})`, { step: 'limits' });
}
