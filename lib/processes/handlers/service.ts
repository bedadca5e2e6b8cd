import { removeServiceDeployObjects } from '@/lib/deploy/cleanup';
import { removeServiceBackups } from '@/lib/backups/keep';
import { and, eq } from 'drizzle-orm';
import { services } from '@/lib/db/schema';
import { resolveServiceEnv } from '@/lib/envvars/resolve';
import { loadProjectVars } from '@/lib/provisioner/wanted';
import { applyLimits, dropStartBoost } from '../apply-limits';
import { reconcileStep, waitHealthy } from '../reconcile-step';
import { ensureServiceImages } from '../service-images';
import { ProcessCanceled, SimulatedCrash, type ProcessContext } from '../context';
import type { ProcessHandlers } from '../registry';

type ServiceStatus = (typeof services.$inferSelect)['status'];

async function setServiceStatus(ctx: ProcessContext, status: ServiceStatus) {
  if (!ctx.process.serviceId) return;
  await ctx.db.update(services).set({ status, updatedAt: new Date() }).where(eq(services.id, ctx.process.serviceId));
}

function ids(ctx: ProcessContext): { projectId: string; serviceId: string } {
  const { projectId, serviceId } = ctx.process;
  if (!projectId || !serviceId) throw new Error(`${ctx.process.action} needs a project and a service`);
  return { projectId, serviceId };
}

/** References that stayed literal in the service's containers: named in the step log (never values). */
async function warnUnresolved(ctx: ProcessContext, projectId: string, serviceId: string) {
  const list = await ctx.db.select().from(services).where(eq(services.projectId, projectId));
  const service = list.find((s) => s.id === serviceId);
  if (!service || !service.running) return;
  const { unresolved } = resolveServiceEnv(await loadProjectVars(ctx.db, projectId, list), service.hostname);
  if (unresolved.length) {
    await ctx.log(`unresolved references kept literally: ${unresolved.map((r) => `\${${r}}`).join(', ')}`, { step: 'env', level: 'warn' });
  }
}

/**
 * A service change: reconcile, wait for health when it should run, then mark the final status.
 * A failure marks the service FAILED; a cancel leaves it to the self-healer, which reconciles
 * Docker to the wanted state (so the status says what the service will be).
 */
function serviceChange(during: ServiceStatus, wantHealthy: boolean, final: ServiceStatus, opts: { limits?: boolean } = {}) {
  return async (ctx: ProcessContext): Promise<void> => {
    const { projectId, serviceId } = ids(ctx);
    try {
      await setServiceStatus(ctx, during);
      if (wantHealthy) await ensureServiceImages(ctx, { projectId, serviceId });
      await reconcileStep(ctx, projectId);
      if (opts.limits) await applyLimits(ctx, projectId, serviceId);
      await warnUnresolved(ctx, projectId, serviceId);
      if (wantHealthy) {
        await waitHealthy(ctx, projectId, serviceId);
        await ctx.checkpoint('healthy');
      }
      // Containers started during `during` ran with every host CPU: now with the service's own.
      await Promise.all([setServiceStatus(ctx, final), wantHealthy && dropStartBoost(ctx, projectId, serviceId)]);
    } catch (err) {
      if (err instanceof SimulatedCrash) throw err;
      const [row] = await ctx.db.select({ running: services.running }).from(services).where(eq(services.id, serviceId));
      const after: ServiceStatus = err instanceof ProcessCanceled ? (row?.running ? 'ACTIVE' : 'STOPPED') : 'FAILED';
      await setServiceStatus(ctx, after).catch(() => {});
      if (wantHealthy) await dropStartBoost(ctx, projectId, serviceId).catch(() => {});
      throw err;
    }
  };
}

async function deleteService(ctx: ProcessContext): Promise<void> {
  const { projectId, serviceId } = ids(ctx);
  await setServiceStatus(ctx, 'DELETING');
  await reconcileStep(ctx, projectId);
  await removeServiceDeployObjects(ctx.engine, projectId, serviceId);
  await ctx.checkpoint('remove rows');
  if (ctx.process.payload.keepBackups === false) {
    const removed = await removeServiceBackups(ctx.db, serviceId);
    if (removed) await ctx.log(`${removed} backup(s) removed with the service`, { step: 'delete' });
  }
  await ctx.db.delete(services).where(and(eq(services.id, serviceId), eq(services.projectId, projectId)));
  await ctx.log('service removed with its containers and volumes', { step: 'delete' });
}

export async function envNote(ctx: ProcessContext): Promise<void> {
  await ctx.log('variables saved; they take effect when the service restarts', { step: 'env' });
}

export const serviceHandlers = {
  'stack.create': serviceChange('CREATING', true, 'ACTIVE'),
  'stack.start': serviceChange('STARTING', true, 'ACTIVE'),
  'stack.restart': serviceChange('RESTARTING', true, 'ACTIVE'),
  'stack.scale': serviceChange('SCALING', true, 'ACTIVE', { limits: true }),
  'stack.stop': serviceChange('STOPPING', false, 'STOPPED'),
  'stack.delete': deleteService,
  'stack.updateEnv': envNote,
} satisfies ProcessHandlers;
