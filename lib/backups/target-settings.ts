import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, like, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { backups, backupTargets } from '@/lib/db/schema';
import { encryptSecret } from '@/lib/crypto/secrets';
import { AppError, conflict, notFound } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { audit } from '@/lib/domain/audit';
import { backupServiceTargetSchema, backupTargetSchema } from '@/lib/validations/backups';
import { parseInput } from '@/lib/validations/parse';
import { deleteObject, putObject, S3Error, type S3Target } from './s3';
import { projectTarget } from './storage';
import { serviceTarget } from './service-target';

/** The project's object-storage target without its secret (null: backups stay under the data directory). */
export async function getBackupTarget(db: Db, userId: string, projectId: string) {
  await requireProjectAccess(db, userId, projectId, 'read');
  const [row] = await db.select().from(backupTargets).where(eq(backupTargets.projectId, projectId));
  if (!row) return { target: null };
  return {
    target: {
      serviceId: row.serviceId,
      endpoint: row.endpoint,
      bucket: row.bucket,
      region: row.region,
      accessKeyId: row.accessKeyId,
      updatedAt: row.updatedAt,
    },
  };
}

/** Writes and deletes a probe object with the target's keys; a refusal is a VALIDATION error naming it. */
async function probe(t: S3Target): Promise<void> {
  const key = `berth-probe-${randomBytes(6).toString('hex')}`;
  try {
    const body = Buffer.from('berth backup target probe\n');
    await putObject(t, key, Readable.from([body]), body.length);
    await deleteObject(t, key);
  } catch (err) {
    if (err instanceof S3Error)
      throw new AppError('VALIDATION', `endpoint: the bucket refused a test write: ${err.message}`, {
        endpoint: [err.message],
      });
    throw err;
  }
}

/**
 * Sets an S3-compatible bucket as the target of the project's new backups, after a probe object is
 * written and deleted with the given keys (a wrong endpoint, bucket or key is refused, naming it).
 */
export async function setBackupTarget(db: Db, userId: string, projectId: string, raw: unknown) {
  await requireProjectAccess(db, userId, projectId, 'write');
  const byService = typeof raw === 'object' && raw !== null && 'serviceId' in raw;
  const serviceId = byService ? parseInput(backupServiceTargetSchema, raw).serviceId : null;
  const t: S3Target = serviceId ? await serviceTarget(db, projectId, serviceId) : parseInput(backupTargetSchema, raw);
  await probe(t);
  const values = {
    serviceId,
    // A service's address and keys are read when used; the row names the bucket for the dashboard.
    endpoint: serviceId ? `service:${serviceId}` : t.endpoint,
    bucket: t.bucket,
    region: t.region,
    accessKeyId: t.accessKeyId,
    wrappedSecret: encryptSecret(serviceId ? '' : t.secretAccessKey),
    updatedAt: new Date(),
  };
  await db
    .insert(backupTargets)
    .values({ projectId, ...values })
    .onConflictDoUpdate({ target: backupTargets.projectId, set: values });
  await audit(db, { userId, projectId, action: 'backup.target', target: `${values.endpoint} ${t.bucket}` });
  return getBackupTarget(db, userId, projectId);
}

/** Checks the saved target still takes a write with its stored keys (the same probe as when it was set). */
export async function testBackupTarget(db: Db, userId: string, projectId: string): Promise<{ endpoint: string; bucket: string }> {
  await requireProjectAccess(db, userId, projectId, 'write');
  const t = await projectTarget(db, projectId);
  if (!t) throw notFound('Backup target');
  await probe(t);
  return { endpoint: t.endpoint, bucket: t.bucket };
}

/** New backups go under the data directory again; refused while backups are in the bucket (they are read through it). */
export async function clearBackupTarget(db: Db, userId: string, projectId: string): Promise<void> {
  await requireProjectAccess(db, userId, projectId, 'write');
  const [inBucket] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(backups)
    .where(and(eq(backups.projectId, projectId), like(backups.location, 's3:%')));
  if (inBucket && inBucket.n > 0)
    throw conflict(`${inBucket.n} backup(s) are in the bucket: delete them first, or keep the target`);
  await db.delete(backupTargets).where(eq(backupTargets.projectId, projectId));
  await audit(db, { userId, projectId, action: 'backup.target.clear', target: projectId });
}
