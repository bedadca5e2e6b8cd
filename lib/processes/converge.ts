import { projectExtensions } from '@/lib/provisioner/extensions';
import { reconcile, withProjectLock } from '@/lib/provisioner/reconcile';
import { describeStep } from '@/lib/provisioner/steps';
import { syncObserved } from '@/lib/provisioner/sync-observed';
import { buildWantedProject } from '@/lib/provisioner/wanted';
import { L } from '@/lib/provisioner/labels';
import { eq } from 'drizzle-orm';
import { projects } from '@/lib/db/schema';
import { retryUntil } from '@/lib/provisioner/clock';
import { forHealthCheck, type WaitStrategy } from '@/lib/provisioner/wait';
import type { ProcessContext } from './context';

/** Converges Docker to the project's wanted state, one logged step at a time. */
export async function converge(ctx: ProcessContext, projectId: string): Promise<void> {
  await withProjectLock(projectId, async () => {
    await ctx.checkpoint('converge');
    const wanted = await buildWantedProject(ctx.db, ctx.runtime, projectId);
    const result = await reconcile(ctx.runtime, wanted, {
      deadline: ctx.deadline,
      beforeStep: (s) => ctx.checkpoint(`apply ${describeStep(s)}`),
      onStep: (_s, description) => ctx.log(description, { step: 'apply' }),
    });
    if (!result.converged) throw new Error('Docker did not converge to the wanted state before the deadline');
    const [project] = await ctx.db.select().from(projects).where(eq(projects.id, projectId));
    if (project) {
      for (const ext of projectExtensions()) await ext.afterApply?.({ db: ctx.db, runtime: ctx.runtime, project });
    }
    await syncObserved(ctx.db, ctx.runtime, projectId);
  });
  await ctx.checkpoint('converged');
}

/** Waits until every container of the service runs and passes its health check (if it has one). */
export async function waitHealthy(ctx: ProcessContext, projectId: string, serviceId: string, strategy: WaitStrategy = forHealthCheck()): Promise<void> {
  await ctx.log(`waiting for containers (${strategy.name})`, { step: 'health' });
  const opts = { timeoutMs: Math.max(1_000, ctx.deadline - Date.now()), between: () => ctx.checkpoint('health') };
  const list = await retryUntil(
    () => ctx.runtime.listContainers({ [L.managed]: 'true', [L.project]: projectId, [L.service]: serviceId }),
    (l) => l.length > 0,
    () => new Error('the service has no containers'),
    opts,
  );
  await Promise.all(list.map((c) => strategy.waitUntilReady(ctx.runtime, c.name, opts)));
  await syncObserved(ctx.db, ctx.runtime, projectId);
  await ctx.log(`${list.length === 1 ? 'container' : `all ${list.length} containers`} ready`, { step: 'health' });
}
