import { and, eq } from 'drizzle-orm';
import { projects, services } from '@/lib/db/schema';
import { projectExtensions } from '@/lib/provisioner/extensions';
import { converge, waitHealthy } from '../converge';
import type { ProcessContext } from '../context';
import { registerHandler } from '../registry';

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

/** A service change: converge, wait for health when it should run, then mark the final status. */
async function serviceChange(ctx: ProcessContext, during: ServiceStatus, wantHealthy: boolean, final: ServiceStatus) {
  const { projectId, serviceId } = ids(ctx);
  await setServiceStatus(ctx, during);
  await converge(ctx, projectId);
  if (wantHealthy) await waitHealthy(ctx, projectId, serviceId);
  await setServiceStatus(ctx, final);
}

export function registerCoreHandlers(): void {
  registerHandler('project.create', async (ctx) => {
    const projectId = ctx.process.projectId!;
    await ctx.db.update(projects).set({ status: 'CREATING' }).where(eq(projects.id, projectId));
    await converge(ctx, projectId);
    await ctx.db.update(projects).set({ status: 'ACTIVE', updatedAt: new Date() }).where(eq(projects.id, projectId));
  });

  registerHandler('project.delete', async (ctx) => {
    const projectId = ctx.process.projectId;
    if (!projectId) return; // already gone
    await ctx.db.update(projects).set({ status: 'DELETING' }).where(eq(projects.id, projectId));
    const [project] = await ctx.db.select().from(projects).where(eq(projects.id, projectId));
    if (project) for (const ext of projectExtensions()) await ext.beforeDestroy?.({ db: ctx.db, runtime: ctx.runtime, project });
    await converge(ctx, projectId);
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
    await ctx.db.delete(services).where(and(eq(services.id, serviceId), eq(services.projectId, projectId)));
    await ctx.log('service removed with its containers and volumes', { step: 'delete' });
  });

  const envNote = async (ctx: ProcessContext) => {
    await ctx.log('variables saved; they take effect when the service restarts', { step: 'env' });
  };
  registerHandler('stack.updateEnv', envNote);
  registerHandler('project.updateEnvs', envNote);
}
