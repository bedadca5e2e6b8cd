import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { backups, projectBackupKeys, projects, type Backup } from '@/lib/db/schema';
import { decryptSecret } from '@/lib/crypto/secrets';
import { conflict, invalid, notFound } from '@/lib/errors';
import { requireId } from '@/lib/domain/ids';
import { bringHome, removeStored } from './storage';
import { projectBackupKey } from './keys';

/** `keepBackups` of a delete: true or false; absent keeps them (nothing is lost without being asked). */
const keepSchema = z.enum(['true', 'false']);
export function parseKeepBackups(raw: string | null | undefined): boolean {
  if (raw === null || raw === undefined || raw === '') return true;
  const parsed = keepSchema.safeParse(raw);
  if (!parsed.success) throw invalid('keepBackups', 'keepBackups must be true or false');
  return parsed.data === 'true';
}

/** Removes backups with their files (rows first: a file without a row is only disk, a row without a file is a broken backup). */
async function removeBackups(db: Db, list: Backup[]): Promise<void> {
  if (!list.length) return;
  await db.delete(backups).where(
    inArray(
      backups.id,
      list.map((b) => b.id),
    ),
  );
  for (const b of list) await removeStored(db, b);
}

/** A deleted service's backups when the user chose not to keep them. */
export async function removeServiceBackups(db: Db, serviceId: string): Promise<number> {
  const list = await db.select().from(backups).where(eq(backups.serviceId, serviceId));
  await removeBackups(db, list);
  return list.length;
}

/**
 * Before a project is deleted with its backups kept: each complete backup gets a copy of the
 * project's wrapped data key and the project's owner, so it outlives the project (its row's project
 * becomes null) and restores into a service of another project. Unfinished ones are removed.
 */
export async function keepProjectBackups(db: Db, projectId: string): Promise<number> {
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
  const list = await db.select().from(backups).where(eq(backups.projectId, projectId));
  await removeBackups(
    db,
    list.filter((b) => b.status !== 'COMPLETE'),
  );
  const complete = list.filter((b) => b.status === 'COMPLETE');
  if (!project || !complete.length) return 0;
  // The project's bucket settings go with the project: its backups come home first.
  for (const b of complete) {
    const location = await bringHome(db, b);
    if (location !== b.location) await db.update(backups).set({ location }).where(eq(backups.id, b.id));
  }
  await projectBackupKey(db, projectId);
  const [key] = await db.select().from(projectBackupKeys).where(eq(projectBackupKeys.projectId, projectId));
  await db
    .update(backups)
    .set({ wrappedKey: key!.wrappedKey, ownerId: project.createdBy, keptFromProject: project.name })
    .where(and(eq(backups.projectId, projectId), eq(backups.status, 'COMPLETE')));
  return complete.length;
}

/** Every backup of the project, rows and files (a project deleted without keeping them). */
export async function removeAllProjectBackups(db: Db, projectId: string): Promise<void> {
  await removeBackups(db, await db.select().from(backups).where(eq(backups.projectId, projectId)));
}

/** The data key a backup is encrypted with: its own copy once its project is gone, else its project's. */
export async function backupKey(db: Db, backup: Backup): Promise<Buffer> {
  if (backup.wrappedKey && !backup.projectId) return Buffer.from(decryptSecret(backup.wrappedKey), 'hex');
  if (!backup.projectId) throw new Error('the backup has no key');
  return projectBackupKey(db, backup.projectId);
}

/** The user's kept backups of deleted projects, newest first (the wrapped key never leaves the server). */
export async function keptBackups(db: Db, userId: string) {
  const rows = await db
    .select()
    .from(backups)
    .where(and(isNull(backups.projectId), eq(backups.ownerId, userId)))
    .orderBy(desc(backups.createdAt));
  return rows.map(({ wrappedKey: _key, ...rest }) => rest);
}

/** One kept backup of a deleted project that belongs to the user. */
export async function ownKeptBackup(db: Db, userId: string, backupId: string): Promise<Backup> {
  const [b] = await db
    .select()
    .from(backups)
    .where(
      and(
        eq(backups.id, requireId(backupId, 'Backup')),
        isNull(backups.projectId),
        eq(backups.ownerId, userId),
      ),
    );
  if (!b) throw notFound('Backup');
  return b;
}

export async function deleteKeptBackup(db: Db, userId: string, backupId: string): Promise<void> {
  const b = await ownKeptBackup(db, userId, backupId);
  if (b.status === 'RUNNING') throw conflict('The backup is still running');
  await removeBackups(db, [b]);
}

/**
 * Complete backups a new service of this type and version may take: those of the project's deleted
 * services, and the user's kept backups of deleted projects.
 */
export async function restorableKept(
  db: Db,
  userId: string,
  projectId: string,
  type: string,
  version: string,
) {
  const same = and(
    eq(backups.status, 'COMPLETE'),
    eq(backups.serviceType, type),
    eq(backups.serviceVersion, version),
  );
  const rows = await db
    .select()
    .from(backups)
    .where(
      and(
        same,
        or(
          and(eq(backups.projectId, projectId), isNull(backups.serviceId)),
          and(isNull(backups.projectId), eq(backups.ownerId, userId)),
        ),
      ),
    )
    .orderBy(desc(backups.createdAt));
  return rows.map(({ wrappedKey: _key, ...rest }) => rest);
}
