import { and, eq, isNull } from 'drizzle-orm';
import { getCatalogEntry } from '@/lib/catalog';
import type { Db } from '@/lib/db/client';
import { envVariables, services } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { enqueueProcess } from '@/lib/processes/enqueue';
import { audit } from '@/lib/domain/audit';
import { lockProjectForChange, requireNotDeleting } from '@/lib/domain/ids';
import { createProject } from '@/lib/domain/projects';
import { sealServices } from './handler';
import { prepareImport, type ImportPreview } from '.';

export interface ImportRequest {
  yaml: string;
  dryRun?: boolean;
  acceptVersions?: boolean;
  acceptDroppedKeys?: boolean;
}

/** Choices not made yet refuse the import with the same located list the preview shows. */
function refusePending(preview: ImportPreview): void {
  if (preview.canApply) return;
  const issues = preview.pending.map(({ line, column, path, message }) => ({ line, column, path, message }));
  const first = issues[0]!;
  throw new AppError('VALIDATION', `The import needs your consent: line ${first.line}:${first.column} ${first.path}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`, undefined, issues);
}

/** A new project from an import file: validated fully first, then one `project.import` process. */
export async function importProject(db: Db, userId: string, req: ImportRequest) {
  const { plan, preview } = await prepareImport(req.yaml, {
    target: 'project',
    source: env.BERTH_IMAGE_SOURCE,
    acceptVersions: req.acceptVersions,
    acceptDroppedKeys: req.acceptDroppedKeys,
  });
  if (req.dryRun) return { preview, project: null, process: null };
  refusePending(preview);
  const p = plan.project!;
  const { project, process } = await createProject(
    db,
    userId,
    { name: p.name, description: p.description, corePackage: p.corePackage, publicIpV4: p.publicIpV4, networkIpv6: Boolean(p.networkIpv6), env: p.env.map((e) => ({ key: e.key, value: e.value, secret: e.secret })) },
    {
      action: 'project.import',
      payload: { createsProject: true, services: sealServices(plan.services), deadlineMs: 15 * 60_000 },
      settings: p.tags.length ? { tags: p.tags } : {},
      multilineEnv: true,
    },
  );
  return { preview, project, process };
}

/** Services from an import file into an existing project (`override: true` redeploys a runtime). */
export async function importServices(db: Db, userId: string, projectId: string, req: ImportRequest) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'write');
  requireNotDeleting(project);
  const list = await db.select().from(services).where(eq(services.projectId, projectId));
  const projectEnv = await db.select({ key: envVariables.key }).from(envVariables).where(and(eq(envVariables.projectId, projectId), isNull(envVariables.serviceId)));
  const { plan, preview } = await prepareImport(req.yaml, {
    target: 'services',
    source: env.BERTH_IMAGE_SOURCE,
    existing: list.map((s) => ({ hostname: s.hostname, type: s.type, category: getCatalogEntry(s.type).category })),
    existingProjectEnv: projectEnv.map((e) => e.key),
    acceptVersions: req.acceptVersions,
    acceptDroppedKeys: req.acceptDroppedKeys,
  });
  if (req.dryRun) return { preview, process: null };
  refusePending(preview);
  const process = await db.transaction(async (tx) => {
    await lockProjectForChange(tx, projectId);
    const row = await enqueueProcess(tx, {
      projectId,
      projectName: project.name,
      action: 'project.import',
      createdBy: userId,
      payload: { createsProject: false, services: sealServices(plan.services), deadlineMs: 15 * 60_000 },
    });
    await audit(tx, { userId, projectId, action: 'project.import', target: plan.services.map((s) => s.hostname).join(',') });
    return row;
  });
  return { preview, process };
}
