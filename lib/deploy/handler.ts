import fs from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { services, type AppVersion, type Service } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { resolveServiceEnv } from '@/lib/envvars/resolve';
import { ProcessCanceled, SimulatedCrash, type ProcessContext } from '@/lib/processes/context';
import type { ProcessHandlers } from '@/lib/processes/registry';
import { loadProjectVars } from '@/lib/provisioner/wanted';
import { applyLimits } from '@/lib/processes/apply-limits';
import { reconcileStep } from '@/lib/processes/reconcile-step';
import { CommandFailed } from './build/commands-image';
import { runBuild } from './build/run-build';
import { rollout } from './run/rollout';
import { needsStart } from './run/scripts';
import { buildVersionImage } from './run/version-image';
import { materializeSource, readZeropsYml } from './source/materialize';
import { getVersion, pruneVersions, updateVersion } from './versions';
import { parseZeropsYmlOrThrow, selectSetup } from './zerops-yml';

function ids(ctx: ProcessContext) {
  const { projectId, serviceId } = ctx.process;
  const versionId = ctx.process.payload.versionId;
  if (!projectId || !serviceId || typeof versionId !== 'string') throw new Error(`${ctx.process.action} needs a project, a service and a version`);
  return { projectId, serviceId, versionId };
}

async function load(ctx: ProcessContext, serviceId: string, versionId: string): Promise<{ service: Service; version: AppVersion }> {
  const [service] = await ctx.db.select().from(services).where(eq(services.id, serviceId));
  const version = await getVersion(ctx.db, versionId);
  if (!service || !version) throw new Error('the service or the app version is gone');
  return { service, version };
}

/** Source → zerops.yml → build → artifact → version image. Skipped when the version's image exists (a resumed deploy). */
async function build(ctx: ProcessContext, service: Service, version: AppVersion): Promise<AppVersion> {
  if (version.image && (await ctx.engine.imageExists(version.image))) {
    await ctx.log('the version is built already; going on with the rollout', { step: 'build' });
    return version;
  }
  const started = Date.now();
  await updateVersion(ctx.db, version.id, { status: 'BUILDING', error: null });
  await ctx.log(`app version ${version.sequence} of ${service.hostname}: fetching the source`, { step: 'source' });
  const src = await materializeSource(ctx.db, version);
  try {
    if (src.commit && version.source.kind === 'git') {
      await updateVersion(ctx.db, version.id, { source: { ...version.source, commit: src.commit } });
      await ctx.log(`commit ${src.commit}`, { step: 'source' });
    }
    const text = version.zeropsYml ?? (await readZeropsYml(src.dir));
    if (text === null) throw new AppError('VALIDATION', 'zerops.yml: not found at the top of the source (zerops.yml or zerops.yaml)', { zeropsYml: ['not found'] });
    const setup = selectSetup(parseZeropsYmlOrThrow(text), { hostname: service.hostname, setup: version.setupName, requireStart: needsStart(service.type) });
    await updateVersion(ctx.db, version.id, { zeropsYml: text, setup });
    await ctx.log(`setup "${setup.name}"`, { step: 'source' });
    await ctx.checkpoint('source ready');

    const vars = await loadProjectVars(ctx.db, version.projectId, await ctx.db.select().from(services).where(eq(services.projectId, version.projectId)));
    const own = { ...vars.services[service.hostname], ...setup.build.envVariables, appVersionId: version.id };
    const buildEnv = resolveServiceEnv({ ...vars, services: { ...vars.services, [service.hostname]: own } }, service.hostname).env;
    const out = await runBuild(ctx, { projectId: version.projectId, serviceId: service.id, versionId: version.id, setup, sourceDir: src.dir, env: buildEnv });
    const image = await buildVersionImage(ctx, {
      projectId: version.projectId,
      serviceId: service.id,
      hostname: service.hostname,
      type: service.type,
      serviceVersion: service.version,
      versionId: version.id,
      setup,
      artifactDigest: out.artifactDigest,
      runPrepare: out.runPrepare,
      env: buildEnv,
      deadline: ctx.deadline,
    });
    await updateVersion(ctx.db, version.id, { artifactDigest: out.artifactDigest, image, buildMs: Date.now() - started });
    await ctx.checkpoint('built');
    return (await getVersion(ctx.db, version.id))!;
  } finally {
    await fs.rm(src.tmp, { recursive: true, force: true });
  }
}

function failureStatus(err: unknown, phase: 'build' | 'deploy'): AppVersion['status'] {
  if (err instanceof ProcessCanceled) return 'CANCELLED';
  return phase === 'build' ? 'BUILD_FAILED' : 'DEPLOY_FAILED';
}

/** `service.deploy`: build an app version (unless built) and roll it out. Resumable from any step boundary. */
async function deploy(ctx: ProcessContext): Promise<void> {
  const { projectId, serviceId, versionId } = ids(ctx);
  const loaded = await load(ctx, serviceId, versionId);
  const service = loaded.service;
  let version = loaded.version;
  if (version.status === 'ACTIVE') {
    // Resumed after the switch: the service's own limits, then finish removing the old containers.
    await applyLimits(ctx, projectId, serviceId);
    await reconcileStep(ctx, projectId);
    return;
  }
  if (!['PENDING', 'BUILDING', 'DEPLOYING', 'BACKUP'].includes(version.status)) throw new Error(`app version ${version.sequence} is ${version.status}`);
  let phase: 'build' | 'deploy' = 'build';
  try {
    version = await build(ctx, service, version);
    phase = 'deploy';
    const started = Date.now();
    await rollout(ctx, projectId, version, service.containerCount);
    await updateVersion(ctx.db, version.id, { deployMs: Date.now() - started, finishedAt: new Date(), error: null });
    const pruned = await pruneVersions(ctx.db, ctx.engine, serviceId);
    if (pruned) await ctx.log(`pruned ${pruned} old app version${pruned === 1 ? '' : 's'}`, { step: 'prune' });
  } catch (err) {
    if (err instanceof SimulatedCrash) throw err;
    const message = err instanceof Error ? err.message : String(err);
    // The rollout sets its own status (it may restore the previous version first).
    if (phase === 'build') await updateVersion(ctx.db, version.id, { status: failureStatus(err, phase), error: message, finishedAt: new Date() }).catch(() => {});
    else await updateVersion(ctx.db, version.id, { error: message, finishedAt: new Date() }).catch(() => {});
    if (err instanceof CommandFailed || err instanceof AppError) await ctx.log(message, { step: phase, level: 'error' }).catch(() => {});
    throw err;
  }
}

/** `service.activateVersion`: roll a kept, built version out again (rollback) without a build. */
async function activate(ctx: ProcessContext): Promise<void> {
  const { projectId, serviceId, versionId } = ids(ctx);
  const { service, version } = await load(ctx, serviceId, versionId);
  if (version.status === 'ACTIVE') {
    await applyLimits(ctx, projectId, serviceId);
    return reconcileStep(ctx, projectId);
  }
  if (!version.image || !version.setup || !(await ctx.engine.imageExists(version.image))) {
    throw new AppError('CONFLICT', `app version ${version.sequence} has no built image to activate`);
  }
  const started = Date.now();
  await rollout(ctx, projectId, version, service.containerCount);
  await updateVersion(ctx.db, version.id, { deployMs: Date.now() - started, error: null });
}

export const deployHandlers = {
  'service.deploy': deploy,
  'service.activateVersion': activate,
} satisfies ProcessHandlers;
