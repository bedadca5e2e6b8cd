import { eq, sql } from 'drizzle-orm';
import { projects, type Project } from '@/lib/db/schema';
import { reconcileStep } from '@/lib/processes/reconcile-step';
import type { ProcessContext } from '@/lib/processes/context';
import { retryUntil } from '@/lib/provisioner/clock';
import { withProjectLock } from '@/lib/provisioner/reconcile';
import { containerName } from '@/lib/provisioner/labels';
import { env } from '@/lib/env';
import { ensureLogger, loggerListening, stopRsyslog } from './logger';
import { nginxRunning } from './push-config';
import { coreAddress } from './addresses';

/** Upgrade phases: `starting` (three balancers, logger in the Light one), `logger` (the logger moves to its own container). */
type Phase = 'starting' | 'logger' | null;

async function setCore(ctx: ProcessContext, projectId: string, patch: { status?: Project['status']; corePackage?: Project['corePackage']; coreUpgrade?: Phase }) {
  const { coreUpgrade, ...columns } = patch;
  // Merged into settings, so a concurrent settings change (log forwarding, …) is never overwritten.
  const settings = coreUpgrade === undefined ? {} : { settings: sql`${projects.settings} || ${JSON.stringify({ coreUpgrade })}::jsonb` };
  await ctx.db.update(projects).set({ ...columns, ...settings, updatedAt: new Date() }).where(eq(projects.id, projectId));
}

/** Waits until each balancer's nginx master runs (its pid file is written after its sockets are bound). */
async function waitServing(ctx: ProcessContext, projectId: string, locals: string[]): Promise<void> {
  for (const local of locals) {
    await retryUntil(
      () => nginxRunning(ctx.engine, containerName(projectId, local), '/run/berth-nginx.pid'),
      (running) => running,
      () => new Error(`${local} did not start serving`),
      { timeoutMs: Math.max(1_000, ctx.deadline - Date.now()), intervalMs: 25, maxIntervalMs: 400, between: () => ctx.checkpoint('wait for the Serious balancers') },
    );
  }
}

async function project(ctx: ProcessContext, projectId: string): Promise<Project> {
  const [row] = await ctx.db.select().from(projects).where(eq(projects.id, projectId));
  if (!row) throw new Error('project not found');
  return row;
}

/**
 * The upgrade: start the two Serious balancers beside the Light one (all share the address with
 * reuseport), wait until they serve the same routes, stop the old one gracefully (SIGQUIT lets
 * its in-flight requests finish), then remove it. The logger moves from the Light container to its
 * own, on the same log volume (its archive carries over; lines sent meanwhile are delivered once it
 * listens again). Address, variables, logs and statistics stay.
 * Every step can run again: a worker that dies anywhere in it is resumed and finishes the job.
 */
export async function upgradeHandler(ctx: ProcessContext): Promise<void> {
  const projectId = ctx.process.projectId!;
  const start = await project(ctx, projectId);
  if (start.corePackage === 'SERIOUS' && start.status !== 'UPGRADING') return ctx.log('already Serious', { step: 'core' });
  if (start.corePackage === 'LIGHT' || start.settings.coreUpgrade === 'starting') {
    await setCore(ctx, projectId, { status: 'UPGRADING', corePackage: 'SERIOUS', coreUpgrade: 'starting' });
    await ctx.log('starting two Serious balancers beside the Light one', { step: 'core' });
    await reconcileStep(ctx, projectId);
    await waitServing(ctx, projectId, ['core-balancer-1', 'core-balancer-2']);
    await ctx.log('Serious balancers serve the project address; moving the logger to its own container', { step: 'core' });
    // Under the project lock, and the phase moves on before it is released: a periodic reconcile
    // in between would otherwise see the logger's host as the Light balancer and start it again.
    await withProjectLock(projectId, async () => {
      const light = await ctx.engine.inspectContainer(containerName(projectId, 'core-balancer-0'));
      if (light?.state === 'running') await stopRsyslog(ctx.engine, containerName(projectId, 'core-balancer-0'));
      await setCore(ctx, projectId, { coreUpgrade: 'logger' });
    });
    await ctx.checkpoint('light logger stopped');
  }
  if ((await project(ctx, projectId)).settings.coreUpgrade === 'logger') {
    await reconcileStep(ctx, projectId); // creates the logger on the project's log volume
    const p = await project(ctx, projectId);
    await ensureLogger(ctx.engine, p);
    const address = coreAddress(p);
    if (env.BERTH_IMAGE_SOURCE === 'local' && address) {
      await retryUntil(
        () => loggerListening(address),
        (ok) => ok,
        () => new Error('the Serious logger did not start listening'),
        { timeoutMs: Math.max(1_000, ctx.deadline - Date.now()), intervalMs: 25, maxIntervalMs: 400, between: () => ctx.checkpoint('wait for the Serious logger') },
      );
    }
    await ctx.log('the logger runs in its own container; retiring the Light balancer gracefully', { step: 'core' });
    const old = await ctx.engine.inspectContainer(containerName(projectId, 'core-balancer-0'));
    if (old?.state === 'running') await ctx.engine.stopContainer(old.id, 20);
    await ctx.checkpoint('light balancer stopped');
    await setCore(ctx, projectId, { coreUpgrade: null });
  }
  await reconcileStep(ctx, projectId); // removes the Light balancer
  await setCore(ctx, projectId, { status: 'ACTIVE' });
  await ctx.log('upgrade finished: same address, logs and statistics kept', { step: 'core' });
}
