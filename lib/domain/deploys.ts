import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, asc, desc, eq } from 'drizzle-orm';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { getCatalogEntry } from '@/lib/catalog';
import { encryptSecret } from '@/lib/crypto/secrets';
import type { Db } from '@/lib/db/client';
import { appVersions, deploySources, processLogs, services, type AppVersion, type AppVersionSource, type Project, type Service } from '@/lib/db/schema';
import { needsStart } from '@/lib/deploy/run/scripts';
import { extractArchive } from '@/lib/deploy/source/archive';
import { validateGitSource } from '@/lib/deploy/source/git';
import { archiveLimits, readZeropsYml } from '@/lib/deploy/source/materialize';
import { putBlob } from '@/lib/deploy/store';
import { createVersion } from '@/lib/deploy/versions';
import { parseZeropsYmlOrThrow, selectSetup } from '@/lib/deploy/zerops-yml';
import { env } from '@/lib/env';
import { AppError, conflict, notFound } from '@/lib/errors';
import { parseInput } from '@/lib/validations/parse';
import { deployGitSchema, type DeployGitInput } from '@/lib/validations/deploy';
import { lockProjectForChange, requireId, requireNotDeleting } from './ids';
import { enqueueOperation } from './operation';

/** The build's hard limit plus time for the rollout. */
const deployDeadline = () => env.BERTH_BUILD_TIMEOUT_MS + 15 * 60_000;

export async function deployableService(db: Db, userId: string, projectId: string, serviceId: string, need: 'read' | 'write' = 'write') {
  const { project } = await requireProjectAccess(db, userId, projectId, need);
  const [service] = await db.select().from(services).where(and(eq(services.id, requireId(serviceId, 'Service')), eq(services.projectId, projectId)));
  if (!service) throw notFound('Service');
  const category = getCatalogEntry(service.type).category;
  if (need === 'write' && category !== 'runtime' && category !== 'static') {
    throw new AppError('VALIDATION', `${service.hostname} is a ${service.type} service; code is deployed to runtime and static services`, { serviceId: ['not a runtime service'] });
  }
  return { project, service };
}

/** Writes the version and its `service.deploy` process in one transaction. */
export async function startDeploy(
  db: Db,
  who: { userId: string | null; project: Project; service: Service },
  source: AppVersionSource,
  opts: { setupName?: string | null; zeropsYml?: string | null } = {},
) {
  requireNotDeleting(who.project);
  return db.transaction(async (tx) => {
    await lockProjectForChange(tx, who.project.id);
    const version = await createVersion(tx, { projectId: who.project.id, serviceId: who.service.id, source, setupName: opts.setupName, zeropsYml: opts.zeropsYml, createdBy: who.userId });
    const process = await enqueueOperation(tx, who, {
      action: 'service.deploy',
      serviceId: who.service.id,
      payload: { versionId: version.id },
      deadlineMs: deployDeadline(),
      audit: { target: who.service.hostname, details: { source: source.kind, version: version.sequence } },
    });
    await tx.update(appVersions).set({ processId: process.id }).where(eq(appVersions.id, version.id));
    return { version: { ...version, processId: process.id }, process };
  });
}

/**
 * Checks an uploaded archive before anything is queued: it unpacks safely within the limits and
 * its zerops.yml parses and has the setup the service needs. Nothing is kept when it does not.
 */
async function checkArchive(data: Buffer, service: Service, setupName: string | null | undefined): Promise<void> {
  if (data.length > archiveLimits().maxBytes) throw new AppError('VALIDATION', `archive: larger than ${env.BERTH_DEPLOY_ARCHIVE_LIMIT_MB} MiB (the size limit)`, { archive: ['over the size limit'] });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-upload-'));
  try {
    await extractArchive(data, dir, archiveLimits());
    const entries = await fs.readdir(dir, { withFileTypes: true });
    const root = !entries.some((e) => /^zerops\.ya?ml$/.test(e.name)) && entries.length === 1 && entries[0]!.isDirectory() ? path.join(dir, entries[0]!.name) : dir;
    const text = await readZeropsYml(root);
    if (text === null) throw new AppError('VALIDATION', 'zerops.yml: not found at the top of the archive', { zeropsYml: ['not found'] });
    selectSetup(parseZeropsYmlOrThrow(text), { hostname: service.hostname, setup: setupName, requireStart: needsStart(service.type) });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Deploys an uploaded tar.gz, tar or zip of the app's folder. */
export async function deployArchive(db: Db, userId: string, projectId: string, serviceId: string, data: Buffer, opts: { setup?: string | null } = {}) {
  const { project, service } = await deployableService(db, userId, projectId, serviceId);
  await checkArchive(data, service, opts.setup);
  const digest = await putBlob('sources', data);
  return startDeploy(db, { userId, project, service }, { kind: 'archive', digest, bytes: data.length }, { setupName: opts.setup });
}

/** Deploys a Git ref (cloned by Berth on the host); remembers the repository for the webhook. */
export async function deployGit(db: Db, userId: string, projectId: string, serviceId: string, raw: DeployGitInput) {
  const input = parseInput(deployGitSchema, raw);
  const { project, service } = await deployableService(db, userId, projectId, serviceId);
  validateGitSource({ url: input.gitUrl, ref: input.gitRef });
  if (input.track || input.token || input.sshKey) {
    const values = {
      projectId,
      gitUrl: input.gitUrl,
      gitBranch: input.gitRef || null,
      setupName: input.setup ?? null,
      ...(input.token ? { tokenEncrypted: encryptSecret(input.token) } : {}),
      ...(input.sshKey ? { sshKeyEncrypted: encryptSecret(input.sshKey) } : {}),
      updatedAt: new Date(),
    };
    await db.insert(deploySources).values({ serviceId, ...values }).onConflictDoUpdate({ target: deploySources.serviceId, set: values });
  }
  return startDeploy(db, { userId, project, service }, { kind: 'git', url: input.gitUrl, ref: input.gitRef || null }, { setupName: input.setup });
}

/** Newest first. */
export async function listVersions(db: Db, userId: string, projectId: string, serviceId: string): Promise<AppVersion[]> {
  await deployableService(db, userId, projectId, serviceId, 'read');
  return db.select().from(appVersions).where(eq(appVersions.serviceId, serviceId)).orderBy(desc(appVersions.sequence));
}

/** One version with its build log (the log of its deploy process). */
export async function getVersionWithLog(db: Db, userId: string, projectId: string, serviceId: string, versionId: string) {
  await deployableService(db, userId, projectId, serviceId, 'read');
  const [version] = await db.select().from(appVersions).where(and(eq(appVersions.id, requireId(versionId, 'App version')), eq(appVersions.serviceId, serviceId)));
  if (!version) throw notFound('App version');
  const log = version.processId ? await db.select().from(processLogs).where(eq(processLogs.processId, version.processId)).orderBy(asc(processLogs.id)) : [];
  return { version, log };
}

/** Rollback: activates a kept, built version again without a build. */
export async function activateVersion(db: Db, userId: string, projectId: string, serviceId: string, versionId: string) {
  const { project, service } = await deployableService(db, userId, projectId, serviceId);
  requireNotDeleting(project);
  const [version] = await db.select().from(appVersions).where(and(eq(appVersions.id, requireId(versionId, 'App version')), eq(appVersions.serviceId, serviceId)));
  if (!version) throw notFound('App version');
  if (version.status === 'ACTIVE') throw conflict(`App version ${version.sequence} is active already`);
  if (!version.image || !version.artifactDigest) throw conflict(`App version ${version.sequence} was never built; it cannot be activated`);
  return db.transaction(async (tx) => {
    await lockProjectForChange(tx, projectId);
    const process = await enqueueOperation(tx, { userId, project }, {
      action: 'service.activateVersion',
      serviceId,
      payload: { versionId },
      audit: { target: service.hostname, details: { version: version.sequence } },
    });
    return { process };
  });
}
