import { and, asc, eq, isNull } from 'drizzle-orm';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import type { Db } from '@/lib/db/client';
import { envVariables, services } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { findUnresolvedReferences } from '@/lib/envvars/resolve';
import { enqueueProcess } from '@/lib/processes/enqueue';
import { loadProjectVars } from '@/lib/provisioner/wanted';
import { envEntrySchema, envKeySchema } from '@/lib/validations/projects';
import { parseInput } from '@/lib/validations/parse';
import { audit } from './audit';
import { lockProjectForChange, requireId, requireNotDeleting } from './ids';

export const MASK = '••••••••';

export interface EnvView {
  id: string;
  key: string;
  /** The value, or MASK for a secret unless `reveal` was asked and allowed. */
  value: string;
  secret: boolean;
  kind: 'user' | 'generated';
  unresolved: string[];
}

async function scopeOf(db: Db, projectId: string, serviceId: string | null) {
  if (!serviceId) return { scope: 'project', hostname: null as string | null };
  const [s] = await db.select().from(services).where(and(eq(services.id, requireId(serviceId, 'Service')), eq(services.projectId, projectId)));
  if (!s) throw notFound('Service');
  return { scope: s.id, hostname: s.hostname };
}

/** Variables of the project (serviceId null) or of one service; secrets masked unless revealed by a writer. */
export async function listEnv(db: Db, userId: string, projectId: string, serviceId: string | null, opts: { reveal?: boolean } = {}): Promise<EnvView[]> {
  const { role } = await requireProjectAccess(db, userId, projectId, 'read');
  const { scope, hostname } = await scopeOf(db, projectId, serviceId);
  const rows = await db
    .select()
    .from(envVariables)
    .where(and(eq(envVariables.projectId, projectId), eq(envVariables.scope, scope)))
    .orderBy(asc(envVariables.kind), asc(envVariables.key));
  const all = await loadProjectVars(db, projectId, await db.select().from(services).where(eq(services.projectId, projectId)));
  const reveal = opts.reveal && role !== 'viewer';
  return rows.map((r) => {
    const value = decryptSecret(r.valueEncrypted);
    return {
      id: r.id,
      key: r.key,
      value: r.secret && !reveal ? MASK : value,
      secret: r.secret,
      kind: r.kind,
      unresolved: hostname ? findUnresolvedReferences(all, hostname, value) : [],
    };
  });
}

/** Creates or updates one variable. Takes effect on the service's next restart. */
export async function setEnv(db: Db, userId: string, projectId: string, serviceId: string | null, raw: { key: unknown; value: unknown; secret?: unknown }) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'write');
  requireNotDeleting(project);
  const input = parseInput(envEntrySchema, raw);
  const { scope } = await scopeOf(db, projectId, serviceId);
  return db.transaction(async (tx) => {
    await lockProjectForChange(tx, projectId);
    const valueEncrypted = encryptSecret(input.value);
    await tx
      .insert(envVariables)
      .values({ projectId, serviceId, scope, key: input.key, keyLower: input.key.toLowerCase(), valueEncrypted, secret: input.secret })
      .onConflictDoUpdate({
        target: [envVariables.projectId, envVariables.scope, envVariables.keyLower],
        set: { key: input.key, valueEncrypted, secret: input.secret, updatedAt: new Date() },
      });
    const process = await enqueueProcess(tx, {
      projectId,
      projectName: project.name,
      serviceId,
      action: serviceId ? 'stack.updateEnv' : 'project.updateEnvs',
      createdBy: userId,
    });
    await audit(tx, { userId, projectId, action: 'env.set', target: `${scope}:${input.key}`, details: { secret: input.secret } });
    return { process, restartRequired: true as const };
  });
}

export async function deleteEnv(db: Db, userId: string, projectId: string, serviceId: string | null, key: string) {
  requireNotDeleting((await requireProjectAccess(db, userId, projectId, 'write')).project);
  parseInput(envKeySchema, key);
  const { scope } = await scopeOf(db, projectId, serviceId);
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(envVariables)
      .where(and(eq(envVariables.projectId, projectId), eq(envVariables.scope, scope), eq(envVariables.keyLower, key.toLowerCase()), serviceId ? eq(envVariables.serviceId, serviceId) : isNull(envVariables.serviceId)))
      .returning({ id: envVariables.id });
    if (!removed.length) throw notFound(`Variable ${key}`);
    await audit(tx, { userId, projectId, action: 'env.delete', target: `${scope}:${key}` });
    return { restartRequired: true as const };
  });
}
