import { reconcileProject } from '@/lib/provisioner';
import { describeStep } from '@/lib/provisioner/steps';
import { syncObserved } from '@/lib/provisioner/sync-observed';
import { L } from '@/lib/provisioner/labels';
import { retryUntil } from '@/lib/provisioner/clock';
import { forHealthCheck, type WaitStrategy } from '@/lib/provisioner/wait';
import type { ProcessContext } from './context';

/** Reconciles Docker to the project's wanted state, one logged step at a time. */
export async function reconcileStep(ctx: ProcessContext, projectId: string): Promise<void> {
  const result = await reconcileProject(ctx.db, ctx.engine, projectId, {
    deadline: ctx.deadline,
    onLocked: () => ctx.checkpoint('reconcile'),
    beforeStep: (s) => ctx.checkpoint(`apply ${describeStep(s)}`),
    onStep: (_s, description) => ctx.log(description, { step: 'apply' }),
  });
  if (!result.settled) {
    const left = result.remaining.slice(0, 5).join('; ');
    throw new Error(`Docker did not reach the wanted state after ${result.rounds} rounds (still to do: ${left})`);
  }
  await ctx.checkpoint('reconciled');
}

/** Waits until every container of the service runs and passes its health check (if it has one). */
export async function waitHealthy(ctx: ProcessContext, projectId: string, serviceId: string, strategy: WaitStrategy = forHealthCheck()): Promise<void> {
  await ctx.log(`waiting for containers (${strategy.name})`, { step: 'health' });
  // A boundary also when the first look finds every container ready.
  await ctx.checkpoint('health');
  const opts = { timeoutMs: Math.max(1_000, ctx.deadline - Date.now()), between: () => ctx.checkpoint('health') };
  const list = await retryUntil(
    () => ctx.engine.listContainers({ [L.managed]: 'true', [L.project]: projectId, [L.service]: serviceId }),
    (l) => l.length > 0,
    () => new Error('the service has no containers'),
    opts,
  );
  await Promise.all(list.map((c) => strategy.waitUntilReady(ctx.engine, c.name, opts)));
  await syncObserved(ctx.db, ctx.engine, projectId);
  await ctx.log(`${list.length === 1 ? 'container' : `all ${list.length} containers`} ready`, { step: 'health' });
}
