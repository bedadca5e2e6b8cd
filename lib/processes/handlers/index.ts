import { and, eq } from 'drizzle-orm';
import { registerDeployHandlers } from '@/lib/deploy/handler';
import { projects, services } from '@/lib/db/schema';
import { resolveServiceEnv } from '@/lib/envvars/resolve';
import { projectExtensions } from '@/lib/provisioner/extensions';
import { loadProjectVars } from '@/lib/provisioner/wanted';
import { converge, waitHealthy } from '../converge';
import { ensureServiceImages } from '../service-images';
import { ProcessCanceled, SimulatedCrash, type ProcessContext } from '../context';
import { registerHandler } from '../registry';
import { registerImportHandler } from '@/lib/import/handler';

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
 * A service change: converge, wait for health when it should run, then mark the final status.
 * A failure marks the service FAILED; a cancel leaves it to the self-healer, which converges
 * Docker to the wanted state (so the status says what the service will be).
 */
async function serviceChange(ctx: ProcessContext, during: ServiceStatus, wantHealthy: boolean, final: ServiceStatus) {
  const { projectId, serviceId } = ids(ctx);
  try {
    await setServiceStatus(ctx, during);
    if (wantHealthy) await ensureServiceImages(ctx, { projectId, serviceId });
    await converge(ctx, projectId);
    await warnUnresolved(ctx, projectId, serviceId);
    if (wantHealthy) {
      await waitHealthy(ctx, projectId, serviceId);
      await ctx.checkpoint('healthy');
    }
    await setServiceStatus(ctx, final);
  } catch (err) {
    if (err instanceof SimulatedCrash) throw err;
    const [row] = await ctx.db.select({ running: services.running }).from(services).where(eq(services.id, serviceId));
    const after: ServiceStatus = err instanceof ProcessCanceled ? (row?.running ? 'ACTIVE' : 'STOPPED') : 'FAILED';
    await setServiceStatus(ctx, after).catch(() => {});
    throw err;
  }
}

export function registerCoreHandlers(): void {
  registerImportHandler();
  registerHandler('project.create', async (ctx) => {
    const projectId = ctx.process.projectId!;
    const setStatus = (status: 'CREATING' | 'ACTIVE' | 'FAILED') =>
      ctx.db.update(projects).set({ status, updatedAt: new Date() }).where(eq(projects.id, projectId));
    try {
      await setStatus('CREATING');
      await converge(ctx, projectId);
      await setStatus('ACTIVE');
    } catch (err) {
      // Canceled: ACTIVE, so the self-healer finishes the network and core in the background.
      if (!(err instanceof SimulatedCrash)) await setStatus(err instanceof ProcessCanceled ? 'ACTIVE' : 'FAILED').catch(() => {});
      throw err;
    }
  });

  registerHandler('project.delete', async (ctx) => {
    const projectId = ctx.process.projectId;
    if (!projectId) return; // already gone
    await ctx.db.update(projects).set({ status: 'DELETING' }).where(eq(projects.id, projectId));
    const [project] = await ctx.db.select().from(projects).where(eq(projects.id, projectId));
    if (project) for (const ext of projectExtensions()) await ext.beforeDestroy?.({ db: ctx.db, runtime: ctx.runtime, project });
    await converge(ctx, projectId);
    await ctx.checkpoint('remove rows');
    await ctx.db.delete(projects).where(eq(projects.id, projectId));
    await ctx.log('project removed with every container, volume and network', { step: 'delete' });
  });

  registerHandler('stack.create', (ctx) => serviceChange(ctx, 'CREATING', true, 'ACTIVE'));
  registerHandler('stack.start', (ctx) => serviceChange(ctx, 'STARTING', true, 'ACTIVE'));
  registerHandler('stack.restart', (ctx) => serviceChange(ctx, 'RESTARTING', true, 'ACTIVE'));
  registerHandler('stack.scale', (ctx) => serviceChange(ctx, 'SCALING', true, 'ACTIVE'));
  registerHandler('stack.stop', (ctx) => serviceChange(ctx, 'STOPPING', false, 'STOPPED'));

  registerHandler('stack.delete', async (ctx) => {
    const { projectId, serviceId } = ids(ctx);
    await setServiceStatus(ctx, 'DELETING');
    await converge(ctx, projectId);
    await ctx.checkpoint('remove rows');
    await ctx.db.delete(services).where(and(eq(services.id, serviceId), eq(services.projectId, projectId)));
    await ctx.log('service removed with its containers and volumes', { step: 'delete' });
  });

  const envNote = async (ctx: ProcessContext) => {
    await ctx.log('variables saved; they take effect when the service restarts', { step: 'env' });
  };
  registerHandler('stack.updateEnv', envNote);
  registerHandler('project.updateEnvs', envNote);
  registerDeployHandlers();
}
