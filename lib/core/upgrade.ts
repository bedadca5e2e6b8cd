import { eq } from 'drizzle-orm';
import { projects } from '@/lib/db/schema';
import { AppError, conflict } from '@/lib/errors';
import { converge } from '@/lib/processes/converge';
import type { ProcessContext } from '@/lib/processes/context';
import { registerHandler } from '@/lib/processes/registry';
import { containerName } from '@/lib/provisioner/labels';
import type { Db } from '@/lib/db/client';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { enqueueProcess } from '@/lib/processes/enqueue';
import { audit } from '@/lib/services/audit';
import { nginxRunning } from './push-config';

/** Queues LIGHT → SERIOUS. Downgrade does not exist (as in Zerops). */
export async function upgradeCore(db: Db, userId: string, projectId: string) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'owner');
  if (project.corePackage === 'SERIOUS') throw new AppError('BAD_REQUEST', 'The project already runs the Serious core; there is no downgrade');
  if (project.status !== 'ACTIVE') throw conflict(`The project is ${project.status.toLowerCase()}; upgrade when it is active`);
  return db.transaction(async (tx) => {
    const process = await enqueueProcess(tx, { projectId, projectName: project.name, action: 'project.upgradeCore', createdBy: userId });
    await audit(tx, { userId, projectId, action: 'project.upgradeCore', target: project.name });
    return { process };
  });
}

async function setCore(ctx: ProcessContext, projectId: string, patch: Partial<typeof projects.$inferInsert>) {
  await ctx.db.update(projects).set({ ...patch, updatedAt: new Date() }).where(eq(projects.id, projectId));
}

/**
 * The upgrade: start the two Serious balancers beside the Light one (all share the address with
 * reuseport), wait until they serve the same routes, stop the old one gracefully (SIGQUIT lets
 * its in-flight requests finish), then remove it. Address, variables, logs and statistics stay.
 */
async function upgradeHandler(ctx: ProcessContext): Promise<void> {
  const projectId = ctx.process.projectId!;
  const [project] = await ctx.db.select().from(projects).where(eq(projects.id, projectId));
  if (!project) throw new Error('project not found');
  if (project.corePackage === 'SERIOUS' && !project.settings.coreUpgrade) return ctx.log('already Serious', { step: 'core' });
  await setCore(ctx, projectId, { status: 'UPGRADING', corePackage: 'SERIOUS', settings: { ...project.settings, coreUpgrade: 'starting' } });
  await ctx.log('starting two Serious balancers beside the Light one', { step: 'core' });
  await converge(ctx, projectId);
  for (const local of ['core-balancer-1', 'core-balancer-2']) {
    const name = containerName(projectId, local);
    for (let i = 0; !(await nginxRunning(ctx.runtime, name, '/run/berth-nginx.pid')); i++) {
      if (Date.now() > ctx.deadline) throw new Error(`${local} did not start serving`);
      await new Promise((r) => setTimeout(r, Math.min(50 * (i + 1), 500)));
    }
  }
  await ctx.log('Serious balancers serve the project address; retiring the Light one gracefully', { step: 'core' });
  await setCore(ctx, projectId, { settings: { ...project.settings, coreUpgrade: null } });
  const old = await ctx.runtime.inspectContainer(containerName(projectId, 'core-balancer-0'));
  if (old) await ctx.runtime.stopContainer(old.id, 20);
  await converge(ctx, projectId);
  await setCore(ctx, projectId, { status: 'ACTIVE' });
  await ctx.log('upgrade finished: same address, no request dropped by design, logs and statistics kept', { step: 'core' });
}

export function registerUpgradeHandler(): void {
  registerHandler('project.upgradeCore', upgradeHandler);
}
