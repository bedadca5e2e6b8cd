import { and, eq } from 'drizzle-orm';
import { getCatalogEntry } from '@/lib/catalog';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import { projects, services, type Service } from '@/lib/db/schema';
import { reconcileStep, waitHealthy } from '@/lib/processes/reconcile-step';
import { ProcessCanceled, SimulatedCrash, type ProcessContext } from '@/lib/processes/context';
import type { ProcessHandlers } from '@/lib/processes/registry';
import { addServiceRow } from '@/lib/domain/services';
import { deploysOf, startImportDeploys } from './deploy-hook';
import { watchReady } from './early-ready';
import { priorityGroups } from './plan';
import type { PlannedService } from './plan-types';
import { ensureServiceImages } from '@/lib/processes/service-images';
import { dropStartBoost } from '@/lib/processes/apply-limits';

/** The planned services travel in the process payload encrypted: they hold secret values. */
export const sealServices = (list: PlannedService[]) => encryptSecret(JSON.stringify(list));
const openServices = (sealed: unknown): PlannedService[] => {
  if (typeof sealed !== 'string') throw new Error('the import process has no plan');
  return JSON.parse(decryptSecret(sealed)) as PlannedService[];
};

const scalable = (type: string) => ['runtime', 'static', 'linux'].includes(getCatalogEntry(type).category);

/** The service of the plan, created now or (when the process resumes) found from before. */
async function ensureService(ctx: ProcessContext, userId: string, projectId: string, s: PlannedService): Promise<Service> {
  const [existing] = await ctx.db.select().from(services).where(and(eq(services.projectId, projectId), eq(services.hostname, s.hostname)));
  if (existing) return existing;
  return addServiceRow(
    ctx.db,
    userId,
    projectId,
    {
      hostname: s.hostname,
      type: `${s.type}@${s.version}`,
      mode: s.mode,
      containerCount: scalable(s.type) ? s.containers : 1,
      resources: s.resources,
      autoscaling: s.autoscaling,
      env: s.env.map((e) => ({ key: e.key, value: e.value, secret: e.secret })),
      subdomainAccess: s.subdomainAccess,
      port: s.port,
    },
    { settings: s.settings, multilineEnv: true },
  );
}

const setServiceStatus = (ctx: ProcessContext, id: string, status: Service['status']) =>
  ctx.db.update(services).set({ status, updatedAt: new Date() }).where(eq(services.id, id));

/** Hooks around the first reconcile of a new project: its network and core come up with the first group. */
interface ProjectSteps {
  started(): Promise<void>;
  reconciled(): Promise<void>;
  failed(err: unknown): Promise<void>;
}

async function createGroup(ctx: ProcessContext, userId: string, projectId: string, group: PlannedService[], project?: ProjectSteps) {
  const hosts = group.map((s) => s.hostname).join(', ');
  if (group.length) {
    await ctx.checkpoint(`create ${hosts}`);
    await ctx.log(`priority ${group[0]!.priority}: creating ${hosts}`, { step: 'services' });
  }
  // Managed services first: the reconciler creates containers in row order, and they take longest to be ready.
  const ordered = [...group].sort((a, b) => Number(scalable(a.type)) - Number(scalable(b.type)));
  const created: Service[] = [];
  for (const s of ordered) created.push(await ensureService(ctx, userId, projectId, s));
  const watches = created.map((svc) => watchReady(ctx.engine, projectId, svc.id, ctx.deadline));
  try {
    await project?.started();
    await ensureServiceImages(ctx, { projectId });
    await reconcileStep(ctx, projectId);
    await project?.reconciled();
    await Promise.all(watches.map((w) => w.done));
    await Promise.all(
      created.map(async (svc) => {
        try {
          await waitHealthy(ctx, projectId, svc.id);
        } catch (err) {
          if (!(err instanceof SimulatedCrash || err instanceof ProcessCanceled)) {
            await setServiceStatus(ctx, svc.id, 'FAILED');
            await dropStartBoost(ctx, projectId, svc.id).catch(() => {});
          }
          throw new Error(`${svc.hostname} did not become ready: ${err instanceof Error ? err.message : String(err)}`);
        }
        await setServiceStatus(ctx, svc.id, 'ACTIVE');
        await dropStartBoost(ctx, projectId, svc.id);
      }),
    );
  } catch (err) {
    await project?.failed(err);
    for (const w of watches) w.stop();
    if (!(err instanceof SimulatedCrash || err instanceof ProcessCanceled)) {
      await ctx.log(`stopped after creating ${hosts}: ${err instanceof Error ? err.message : String(err)}`, { step: 'services', level: 'error' });
    }
    throw err;
  }
}

function projectSteps(ctx: ProcessContext, projectId: string): ProjectSteps {
  let active = false;
  const setStatus = (status: 'CREATING' | 'ACTIVE' | 'FAILED') => ctx.db.update(projects).set({ status, updatedAt: new Date() }).where(eq(projects.id, projectId));
  return {
    async started() {
      await setStatus('CREATING');
      await ctx.log('creating the project network and core', { step: 'project' });
    },
    async reconciled() {
      active = true;
      await setStatus('ACTIVE');
    },
    async failed(err) {
      // Canceled: ACTIVE, so the self-healer finishes the network and core in the background.
      if (!active && !(err instanceof SimulatedCrash)) await setStatus(err instanceof ProcessCanceled ? 'ACTIVE' : 'FAILED').catch(() => {});
    },
  };
}

/**
 * `project.import`: the project and its core (when the import creates it), then the services in
 * descending priority, each priority group created and awaited together, then the deploys. It
 * stops at a step boundary on failure; what exists stays and a rerun skips it.
 */
async function importProject(ctx: ProcessContext): Promise<void> {
  const projectId = ctx.process.projectId;
  const userId = ctx.process.createdBy;
  if (!projectId || !userId) throw new Error('project.import needs a project and the importing user');
  const plan = openServices(ctx.process.payload.services);
  const groups = priorityGroups(plan.filter((s) => !s.override));
  // A new project's network and core reconcile together with the first group (one round less).
  const project = ctx.process.payload.createsProject ? projectSteps(ctx, projectId) : undefined;
  if (project && !groups.length) await createGroup(ctx, userId, projectId, [], project);
  for (const [i, group] of groups.entries()) await createGroup(ctx, userId, projectId, group, i === 0 ? project : undefined);
  await startImportDeploys(ctx, projectId, deploysOf(plan));
  await ctx.log(`import finished: ${plan.length} service${plan.length === 1 ? '' : 's'}`, { step: 'done' });
}

export const importHandlers = { 'project.import': importProject } satisfies ProcessHandlers;
