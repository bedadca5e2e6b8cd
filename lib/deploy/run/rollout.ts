import { and, eq } from 'drizzle-orm';
import { syncCore } from '@/lib/core/balancer-sync';
import { appVersions, projects, services, type AppVersion, type Project, type RollingProgress, type ServicePort } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { applyLimits } from '@/lib/processes/apply-limits';
import { reconcileStep } from '@/lib/processes/reconcile-step';
import { ProcessCanceled, SimulatedCrash, type ProcessContext } from '@/lib/processes/context';
import { reconcileProject, withProjectLock } from '@/lib/provisioner';
import { retryUntil, systemClock } from '@/lib/provisioner/clock';
import { L } from '@/lib/provisioner/labels';
import { VERSION_LABEL } from '../build/labels';
import type { ResolvedSetup } from '../zerops-yml';
import { checkArgv, defaultReadiness } from './checks';

export class NeverReady extends Error {}

/** run.ports as the service's ports (they replace the catalog default when the zerops.yml lists any). */
export function servicePorts(setup: ResolvedSetup): ServicePort[] | null {
  if (setup.run.ports.length === 0) return null;
  return setup.run.ports.map((p) => ({ port: p.port, protocol: p.protocol === 'UDP' ? 'udp' : 'tcp', httpSupport: p.httpSupport }));
}

/**
 * Waits until every container of the version passes the readiness check (run inside it), or
 * throws with the check's last output when the time is up.
 */
async function waitReady(ctx: ProcessContext, projectId: string, version: AppVersion, count: number): Promise<void> {
  const setup = version.setup!;
  const ports = servicePorts(setup)?.map((p) => ({ port: p.port, protocol: p.protocol.toUpperCase(), httpSupport: p.httpSupport })) ?? [];
  const argv = setup.deploy.readinessCheck ? checkArgv(setup.deploy.readinessCheck) : defaultReadiness(ports);
  await ctx.log(`waiting for ${count} new container${count === 1 ? '' : 's'} to be ready${argv ? '' : ' (running)'}`, { step: 'readiness' });
  let lastOutput = '';
  const once = async (): Promise<boolean> => {
    const list = await ctx.engine.listContainers({ [L.managed]: 'true', [L.project]: projectId, [VERSION_LABEL]: version.id });
    if (list.length < count) return false;
    for (const c of list) {
      const d = await ctx.engine.inspectContainer(c.id);
      if (d?.state !== 'running') {
        const logs = await ctx.engine.logs(c.id, { tail: 20 }).catch(() => []);
        lastOutput = `container ${c.name} is ${d?.state ?? 'gone'}${d?.exitCode ? ` (exit code ${d.exitCode})` : ''}: ${logs.map((l) => l.line).join('\n')}`;
        return false;
      }
      if (!argv) continue;
      const r = await ctx.engine.exec(c.id, argv).catch((err: Error) => ({ exitCode: -1, stdout: '', stderr: err.message }));
      if (r.exitCode !== 0) {
        lastOutput = `${c.name}: exit code ${r.exitCode}: ${`${r.stdout}\n${r.stderr}`.trim().slice(-1000)}`;
        return false;
      }
    }
    return true;
  };
  const wanted = setup.deploy.readinessCheck?.failureTimeout ? setup.deploy.readinessCheck.failureTimeout * 1000 : env.BERTH_DEPLOY_READY_TIMEOUT_MS;
  const timeoutMs = Math.max(1_000, Math.min(wanted, ctx.deadline - Date.now()));
  await retryUntil(once, (ok) => ok, () => new NeverReady(`the new containers never became ready: ${lastOutput || 'no output'}`), {
    timeoutMs,
    // Checked often: each check is one exec, and every interval is time the new version waits to serve.
    intervalMs: 100,
    maxIntervalMs: 250,
    clock: systemClock,
    between: () => ctx.checkpoint('readiness'),
  });
  await ctx.log('new containers ready', { step: 'readiness' });
}

async function project(ctx: ProcessContext, projectId: string): Promise<Project> {
  const [p] = await ctx.db.select().from(projects).where(eq(projects.id, projectId));
  if (!p) throw new Error('the project is gone');
  return p;
}

/** Makes `version` the serving one: previous ACTIVE → BACKUP, ports from run.ports, core upstreams switched. */
async function switchTo(ctx: ProcessContext, projectId: string, version: AppVersion): Promise<void> {
  await withProjectLock(projectId, async () => {
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(appVersions)
        .set({ status: 'BACKUP' })
        .where(and(eq(appVersions.serviceId, version.serviceId), eq(appVersions.status, 'ACTIVE')));
      await tx.update(appVersions).set({ status: 'ACTIVE', activatedAt: new Date(), rolling: null }).where(eq(appVersions.id, version.id));
      const ports = servicePorts(version.setup!);
      if (ports) await tx.update(services).set({ ports, updatedAt: new Date() }).where(eq(services.id, version.serviceId));
    });
    await syncCore({ db: ctx.db, engine: ctx.engine, project: await project(ctx, projectId) });
  });
  await ctx.log('traffic switched to the new version', { step: 'switch' });
}

/** Saves a rolling rollout's progress and, when the routed containers changed, switches the core's upstreams. */
async function saveProgress(ctx: ProcessContext, projectId: string, version: AppVersion, progress: RollingProgress, route: boolean): Promise<void> {
  await ctx.db.update(appVersions).set({ rolling: progress }).where(eq(appVersions.id, version.id));
  if (route) {
    await withProjectLock(projectId, async () => {
      await syncCore({ db: ctx.db, engine: ctx.engine, project: await project(ctx, projectId) });
    });
  }
}

/**
 * A scaled service's rollout, one container at a time: new container i starts beside the old
 * ones, the readiness check gates it, it takes the traffic of old container i, which drains and
 * is removed; then i + 1. The progress is saved at each step, so a resumed deploy goes on from there.
 */
async function rollOneByOne(ctx: ProcessContext, projectId: string, version: AppVersion, count: number): Promise<void> {
  let progress: RollingProgress = version.rolling ?? { started: 0, routed: 0, removed: 0 };
  await ctx.log(`rolling ${count} containers one at a time`, { step: 'rollout' });
  for (let i = progress.removed; i < count; i++) {
    const which = `container ${i + 1} of ${count}`;
    progress = { ...progress, started: Math.max(progress.started, i + 1) };
    await saveProgress(ctx, projectId, version, progress, false);
    await ctx.log(`new ${which}: starting`, { step: 'rollout' });
    await reconcileStep(ctx, projectId);
    await waitReady(ctx, projectId, version, i + 1);
    await ctx.checkpoint('rolled ready', { cancelable: false });
    progress = { ...progress, routed: Math.max(progress.routed, i + 1) };
    await saveProgress(ctx, projectId, version, progress, true);
    await ctx.log(`new ${which} ready and taking traffic; the old one drains`, { step: 'rollout' });
    await systemClock.sleep(DRAIN_MS);
    progress = { ...progress, removed: i + 1 };
    await saveProgress(ctx, projectId, version, progress, false);
    await reconcileStep(ctx, projectId);
    await ctx.log(`old ${which} removed`, { step: 'rollout' });
  }
}

/**
 * Rolls a built version out. Default: new containers beside the old, gated by the readiness
 * check, then the core's upstreams switch and the old containers are drained and removed; a
 * scaled service (2+ containers) replacing a serving version rolls one container at a time.
 * `temporaryShutdown`: the old containers go first. A version that never gets ready fails with
 * the check's output; the previous version keeps (or, after a shutdown, goes back to) serving.
 */
export async function rollout(ctx: ProcessContext, projectId: string, version: AppVersion, containerCount: number): Promise<void> {
  const shutdown = version.setup!.deploy.temporaryShutdown;
  const [previous] = await ctx.db
    .select()
    .from(appVersions)
    .where(and(eq(appVersions.serviceId, version.serviceId), eq(appVersions.status, 'ACTIVE')));
  const rolling = !shutdown && containerCount > 1 && previous !== undefined && previous.id !== version.id;
  try {
    await ctx.db.transaction(async (tx) => {
      if (shutdown && previous && previous.id !== version.id) await tx.update(appVersions).set({ status: 'BACKUP' }).where(eq(appVersions.id, previous.id));
      await tx.update(appVersions).set({ status: 'DEPLOYING' }).where(eq(appVersions.id, version.id));
    });
    if (rolling) await rollOneByOne(ctx, projectId, version, containerCount);
    else {
      await ctx.log(shutdown ? 'temporaryShutdown: stopping the old containers first' : 'starting the new containers beside the old ones', { step: 'rollout' });
      await reconcileStep(ctx, projectId);
      await waitReady(ctx, projectId, version, containerCount);
    }
  } catch (err) {
    if (err instanceof SimulatedCrash) throw err;
    await ctx.db.transaction(async (tx) => {
      await tx.update(appVersions).set({ status: err instanceof ProcessCanceled ? 'CANCELLED' : 'DEPLOY_FAILED', rolling: null }).where(eq(appVersions.id, version.id));
      if (shutdown && previous && previous.id !== version.id) await tx.update(appVersions).set({ status: 'ACTIVE' }).where(eq(appVersions.id, previous.id));
    });
    // Without step boundaries: a cancel must not stop the clean-up of the new containers.
    await reconcileProject(ctx.db, ctx.engine, projectId).catch(() => {});
    throw err;
  }
  await ctx.checkpoint('switch', { cancelable: false });
  await switchTo(ctx, projectId, version);
  await applyLimits(ctx, projectId, version.serviceId);
  if (previous && !shutdown && !rolling) await systemClock.sleep(DRAIN_MS);
  await ctx.checkpoint('remove old', { cancelable: false });
  await reconcileStep(ctx, projectId);
}

/** Time in-flight requests on the old containers get after the switch, before they are stopped. */
const DRAIN_MS = 1_500;
