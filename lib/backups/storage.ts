import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { backupTargets, type Backup } from '@/lib/db/schema';
import { decryptSecret } from '@/lib/crypto/secrets';
import {
  absolute,
  decryptFrom,
  openDecrypted,
  removeBackupFile,
  verifyChecksum,
  verifyStream,
  type Progress,
} from './files';
import { deleteObject, getObject, putObject, type S3Target } from './s3';
import { serviceTarget } from './service-target';

/** A backup's location in the project's bucket: `s3:<object key>`; any other location is a file under the data directory. */
const S3_PREFIX = 's3:';
export const inBucket = (location: string) => location.startsWith(S3_PREFIX);
const objectKey = (location: string) => location.slice(S3_PREFIX.length);

/** The project's S3-compatible target with its secret unwrapped, or undefined (backups stay under the data directory). */
export async function projectTarget(db: Db, projectId: string | null): Promise<S3Target | undefined> {
  if (!projectId) return undefined;
  const [row] = await db.select().from(backupTargets).where(eq(backupTargets.projectId, projectId));
  if (!row) return undefined;
  if (row.serviceId) return serviceTarget(db, projectId, row.serviceId);
  return {
    endpoint: row.endpoint,
    bucket: row.bucket,
    region: row.region,
    accessKeyId: row.accessKeyId,
    secretAccessKey: decryptSecret(row.wrappedSecret),
  };
}

async function targetFor(db: Db, backup: Pick<Backup, 'projectId' | 'location'>): Promise<S3Target> {
  const t = await projectTarget(db, backup.projectId);
  if (!t) throw new Error('the backup is in an object store the project no longer has as its target');
  return t;
}

/**
 * Once a backup's encrypted file is complete on disk: streamed to the project's bucket when it has
 * one (the local file then removed), else left where it is. Returns the backup's location.
 */
export async function placeBackup(db: Db, projectId: string, location: string): Promise<string> {
  const t = await projectTarget(db, projectId);
  if (!t) return location;
  const file = absolute(location);
  const { size } = await fsp.stat(file);
  await putObject(t, location, fs.createReadStream(file), size);
  await fsp.rm(file, { force: true });
  return `${S3_PREFIX}${location}`;
}

/** Checks the stored bytes against the recorded SHA-256 (a missing or changed file or object is refused). */
export async function verifyStored(db: Db, backup: Backup): Promise<void> {
  if (!inBucket(backup.location)) return verifyChecksum(backup.location, backup.sha256);
  const t = await targetFor(db, backup);
  return verifyStream(() => getObject(t, objectKey(backup.location)), backup.sha256);
}

/** The decrypted dump, streamed from the file or the object. */
export async function openStored(
  db: Db,
  backup: Backup,
  key: Buffer,
  progress?: Progress,
): Promise<Readable> {
  if (!inBucket(backup.location)) return openDecrypted(backup.location, key, progress);
  const t = await targetFor(db, backup);
  return decryptFrom(await getObject(t, objectKey(backup.location)), key, progress);
}

export async function removeStored(db: Db, backup: Pick<Backup, 'projectId' | 'location'>): Promise<void> {
  if (!inBucket(backup.location)) return removeBackupFile(backup.location);
  await deleteObject(await targetFor(db, backup), objectKey(backup.location));
}

/** Copies a backup from the project's bucket under the data directory (before the project and its target go away). */
export async function bringHome(db: Db, backup: Backup): Promise<string> {
  if (!inBucket(backup.location)) return backup.location;
  const t = await targetFor(db, backup);
  const local = objectKey(backup.location);
  const file = absolute(local);
  await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await pipeline(await getObject(t, local), fs.createWriteStream(`${file}.part`, { mode: 0o600 }));
  await fsp.rename(`${file}.part`, file);
  await verifyChecksum(local, backup.sha256);
  return local;
}
