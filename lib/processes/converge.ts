import { projectExtensions } from '@/lib/provisioner/extensions';
import { reconcile, withProjectLock } from '@/lib/provisioner/reconcile';
import { syncObserved } from '@/lib/provisioner/sync-observed';
import { buildWantedProject } from '@/lib/provisioner/wanted';
import { L } from '@/lib/provisioner/labels';
import { eq } from 'drizzle-orm';
import { projects } from '@/lib/db/schema';
import type { ProcessContext } from './context';

/** Converges Docker to the project's wanted state, one logged step at a time. */
export async function converge(ctx: ProcessContext, projectId: string): Promise<void> {
  await withProjectLock(projectId, async () => {
    await ctx.checkpoint();
    const wanted = await buildWantedProject(ctx.db, ctx.runtime, projectId);
    const result = await reconcile(ctx.runtime, wanted, {
      deadline: ctx.deadline,
      beforeStep: () => ctx.checkpoint(),
      onStep: (_s, description) => ctx.log(description, { step: 'apply' }),
    });
    if (!result.converged) throw new Error('Docker did not converge to the wanted state before the deadline');
    const [project] = await ctx.db.select().from(projects).where(eq(projects.id, projectId));
    if (project) {
      for (const ext of projectExtensions()) await ext.afterApply?.({ db: ctx.db, runtime: ctx.runtime, project });
    }
    await syncObserved(ctx.db, ctx.runtime, projectId);
  });
  await ctx.checkpoint();
}

/** Waits until every container of the service runs and passes its health check (if it has one). */
export async function waitHealthy(ctx: ProcessContext, projectId: string, serviceId: string): Promise<void> {
  await ctx.log('waiting for containers to become healthy', { step: 'health' });
  let delay = 100;
  for (;;) {
    const list = await ctx.runtime.listContainers({ [L.project]: projectId, [L.service]: serviceId });
    const details = await Promise.all(list.map((c) => ctx.runtime.inspectContainer(c.id)));
    const ready = details.length > 0 && details.every((d) => d && d.state === 'running' && (!d.health || d.health === 'healthy'));
    if (ready) break;
    const dead = details.find((d) => d && (d.state === 'exited' || d.state === 'dead' || d.health === 'unhealthy'));
    if (dead && Date.now() > ctx.deadline - 1000) throw new Error(`container ${dead.name} is ${dead.health ?? dead.state}`);
    if (Date.now() > ctx.deadline) throw new Error('containers did not become healthy before the deadline');
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
    await ctx.checkpoint();
  }
  await syncObserved(ctx.db, ctx.runtime, projectId);
  await ctx.log('all containers healthy', { step: 'health' });
}
