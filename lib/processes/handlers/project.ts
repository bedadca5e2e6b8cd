import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { unbindAddresses } from '@/lib/core/addresses';
import { projects, services } from '@/lib/db/schema';
import { removeProjectBackups } from '@/lib/backups/files';
import { keepProjectBackups, removeAllProjectBackups } from '@/lib/backups/keep';
import { removeDeployObjects } from '@/lib/deploy/cleanup';
import { projectExtensions } from '@/lib/provisioner/extensions';
import { reconcileStep } from '../reconcile-step';
import { ProcessCanceled, SimulatedCrash, type ProcessContext } from '../context';
import type { ProcessHandlers } from '../registry';
import { envNote } from './service';

async function createProject(ctx: ProcessContext): Promise<void> {
  const projectId = ctx.process.projectId!;
  const setStatus = (status: 'CREATING' | 'ACTIVE' | 'FAILED') =>
    ctx.db.update(projects).set({ status, updatedAt: new Date() }).where(eq(projects.id, projectId));
  try {
    await setStatus('CREATING');
    await reconcileStep(ctx, projectId);
    await setStatus('ACTIVE');
  } catch (err) {
    // Canceled: ACTIVE, so the self-healer finishes the network and core in the background.
    if (!(err instanceof SimulatedCrash)) await setStatus(err instanceof ProcessCanceled ? 'ACTIVE' : 'FAILED').catch(() => {});
    throw err;
  }
}

async function deleteProject(ctx: ProcessContext): Promise<void> {
  const projectId = ctx.process.projectId;
  if (!projectId) return; // already gone
  await ctx.db.update(projects).set({ status: 'DELETING' }).where(eq(projects.id, projectId));
  const [project] = await ctx.db.select().from(projects).where(eq(projects.id, projectId));
  if (project) for (const ext of projectExtensions()) await ext.beforeDestroy?.({ db: ctx.db, engine: ctx.engine, project });
  // Build containers and app images are not wanted objects of the project: removed by label.
  const serviceIds = (await ctx.db.select({ id: services.id }).from(services).where(eq(services.projectId, projectId))).map((s) => s.id);
  await removeDeployObjects(ctx.engine, projectId, serviceIds);
  await reconcileStep(ctx, projectId);
  if (project) for (const ext of projectExtensions()) await ext.afterDestroy?.({ db: ctx.db, engine: ctx.engine, project });
  await ctx.checkpoint('remove rows');
  if (ctx.process.payload.keepBackups === false) {
    await removeAllProjectBackups(ctx.db, projectId);
    await ctx.db.delete(projects).where(eq(projects.id, projectId));
    await removeProjectBackups(projectId);
    await ctx.log('backups removed with the project', { step: 'delete' });
  } else {
    const kept = await keepProjectBackups(ctx.db, projectId);
    await ctx.db.delete(projects).where(eq(projects.id, projectId));
    await ctx.log(`${kept} backup(s) kept: they restore into a service of another project`, { step: 'delete' });
  }
  await ctx.log('project removed with every container, volume and network', { step: 'delete' });
}

/** An address was added or released: the core listens on the project's addresses now, a released one leaves the interface. */
async function updateAddresses(ctx: ProcessContext): Promise<void> {
  const projectId = ctx.process.projectId!;
  await reconcileStep(ctx, projectId);
  const released = z.array(z.string()).default([]).parse(ctx.process.payload.released);
  if (released.length) {
    await unbindAddresses(released);
    await ctx.log(`released ${released.join(', ')}`, { step: 'addresses' });
  }
}

export const projectHandlers = {
  'project.create': createProject,
  'project.delete': deleteProject,
  'project.updateEnvs': envNote,
  'project.updateAddresses': updateAddresses,
} satisfies ProcessHandlers;
