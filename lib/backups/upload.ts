import { Transform, type Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { backups, services, type Backup } from '@/lib/db/schema';
import { AppError, conflict, notFound } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { audit } from '@/lib/domain/audit';
import { requireId, requireNotDeleting } from '@/lib/domain/ids';
import { backupLocation, openBackupWriter, removeBackupFile } from './files';
import { projectBackupKey } from './keys';
import { placeBackup } from './storage';
import { capMessage, formatBytes } from './policy';
import { projectCap } from './run-backup';
import { toolFor } from './tools';
import { checkUploadFormat, HEAD_BYTES } from './upload-format';

/** Holds the first HEAD_BYTES, checks them against the type's dump format, then lets everything through. */
function formatGate(type: string): Transform {
  let head: Buffer[] = [];
  let held = 0;
  let checked = false;
  const release = (stream: Transform): Error | null => {
    checked = true;
    const all = Buffer.concat(head);
    head = [];
    const problem = checkUploadFormat(type, all.subarray(0, HEAD_BYTES));
    if (problem) return new AppError('VALIDATION', `file: ${problem}`, { file: [problem] });
    if (all.length) stream.push(all);
    return null;
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (checked) return done(null, chunk);
      head.push(chunk);
      held += chunk.length;
      done(held >= HEAD_BYTES ? release(this) : null);
    },
    flush(done) {
      done(checked ? null : release(this));
    },
  });
}

/**
 * A dump made elsewhere (the type's own format: pg_dump -Fc, a .sql file, an RDB snapshot, …)
 * stored as a complete, encrypted backup of the service; it then restores like any other. The body
 * streams to disk (never held in memory); a wrong format, an empty file or a file over the project's
 * room under its cap is refused with nothing kept.
 */
export async function uploadBackup(
  db: Db,
  userId: string,
  projectId: string,
  serviceId: string,
  body: Readable,
  declaredBytes?: number,
): Promise<Backup> {
  const { project } = await requireProjectAccess(db, userId, projectId, 'write');
  requireNotDeleting(project);
  const [service] = await db
    .select()
    .from(services)
    .where(eq(services.id, requireId(serviceId, 'Service')));
  if (!service || service.projectId !== projectId) throw notFound('Service');
  if (!toolFor(service.type)) throw new AppError('BAD_REQUEST', `${service.type} services have no backups`);
  const cap = await projectCap(db, projectId);
  const room = cap.cap - cap.used;
  const tooLarge = () =>
    new AppError(
      'PAYLOAD_TOO_LARGE',
      `file: the upload does not fit the project's backup room (${formatBytes(room)} left): ${capMessage(cap.used, cap.cap, cap.pkg)}`,
    );
  if (cap.full) throw conflict(capMessage(cap.used, cap.cap, cap.pkg));
  // The encrypted file is a little larger than the dump (a tag per chunk): the declared size is checked with that margin.
  if (declaredBytes !== undefined && declaredBytes > room) throw tooLarge();

  const [row] = await db
    .insert(backups)
    .values({
      projectId,
      serviceId,
      serviceHostname: service.hostname,
      serviceType: service.type,
      serviceVersion: service.version,
      trigger: 'UPLOAD',
      tool: 'upload',
      location: 'pending',
    })
    .returning();
  const backup = row!;
  const location = backupLocation(projectId, backup.id);
  await db.update(backups).set({ location }).where(eq(backups.id, backup.id));
  const started = Date.now();
  const writer = await openBackupWriter(location, await projectBackupKey(db, projectId), room, tooLarge);
  try {
    const gate = formatGate(service.type);
    body.on('error', (err) => gate.destroy(err));
    gate.on('error', (err) => writer.input.destroy(err));
    body.pipe(gate).pipe(writer.input);
    const file = await writer.done();
    const stored = await placeBackup(db, projectId, location);
    const [done] = await db
      .update(backups)
      .set({
        status: 'COMPLETE',
        location: stored,
        sizeBytes: file.sizeBytes,
        dumpBytes: file.dumpBytes,
        sha256: file.sha256,
        durationMs: Date.now() - started,
        completedAt: new Date(),
      })
      .where(eq(backups.id, backup.id))
      .returning();
    await audit(db, {
      userId,
      projectId,
      action: 'backup.upload',
      target: service.hostname,
      details: { backupId: backup.id, bytes: file.dumpBytes },
    });
    return done!;
  } catch (err) {
    body.destroy();
    await writer.discard();
    await removeBackupFile(location);
    await db.delete(backups).where(eq(backups.id, backup.id));
    throw err;
  }
}
