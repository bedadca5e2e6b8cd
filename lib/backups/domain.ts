import { and, desc, eq } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import type { Db } from '@/lib/db/client';
import { backupSchedules, backups, services, type Service } from '@/lib/db/schema';
import { AppError, conflict, notFound } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { enqueueProcess } from '@/lib/processes/enqueue';
import { audit } from '@/lib/domain/audit';
import { lockProjectForChange, requireId, requireNotDeleting } from '@/lib/domain/ids';
import { checkTimeZone, nextRuns, parseCron } from './cron';
import { openStored, removeStored } from './storage';
import { ownKeptBackup } from './keep';
import { projectBackupKey } from './keys';
import { capMessage } from './policy';
import { projectCap } from './run-backup';
import { toolFor } from './tools';
import { backupScheduleSchema, restoreSchema } from '@/lib/validations/backups';
import { parseInput } from '@/lib/validations/parse';

/** Backups and restores of a large database take long: an hour before the process gives up. */
export const BACKUP_DEADLINE_MS = 3_600_000;
export const DEFAULT_CRON = '0 3 * * *';

async function anyService(db: Db, projectId: string, serviceId: string): Promise<Service> {
  const [service] = await db.select().from(services).where(and(eq(services.id, requireId(serviceId, 'Service')), eq(services.projectId, projectId)));
  if (!service) throw notFound('Service');
  return service;
}

/** A service of a type Berth backs up; any other is refused with its type named. */
async function dataService(db: Db, projectId: string, serviceId: string): Promise<Service> {
  const service = await anyService(db, projectId, serviceId);
  if (!toolFor(service.type)) throw new AppError('BAD_REQUEST', `${service.type} services have no backups`);
  return service;
}

export async function listBackups(db: Db, userId: string, projectId: string, serviceId: string) {
  await requireProjectAccess(db, userId, projectId, 'read');
  await anyService(db, projectId, serviceId);
  return db.select().from(backups).where(eq(backups.serviceId, serviceId)).orderBy(desc(backups.createdAt));
}

/** Queues `service.backup` now; refused with the usage and the cap when the project's backups fill it. */
export async function requestBackup(db: Db, userId: string | null, projectId: string, serviceId: string, opts: { trigger?: 'MANUAL' | 'SCHEDULE' } = {}) {
  const { project } = userId ? await requireProjectAccess(db, userId, projectId, 'write') : { project: undefined };
  if (project) requireNotDeleting(project);
  const service = await dataService(db, projectId, serviceId);
  const cap = await projectCap(db, projectId);
  if (cap.full) throw conflict(capMessage(cap.used, cap.cap, cap.pkg));
  return db.transaction(async (tx) => {
    await lockProjectForChange(tx, projectId);
    const [p] = await tx.select({ name: services.hostname }).from(services).where(eq(services.id, serviceId));
    const process = await enqueueProcess(tx, {
      projectId,
      projectName: project?.name ?? p?.name ?? '',
      serviceId,
      action: 'service.backup',
      payload: { trigger: opts.trigger ?? 'MANUAL' },
      createdBy: userId,
      deadlineMs: BACKUP_DEADLINE_MS,
    });
    if (userId) await audit(tx, { userId, projectId, action: 'service.backup', target: service.hostname });
    return { process };
  });
}


/** Queues `service.restore` of a complete backup into `serviceId` (its own service or one of the same type and version). */
export async function requestRestore(db: Db, userId: string, projectId: string, serviceId: string, raw: unknown) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'write');
  requireNotDeleting(project);
  const input = parseInput(restoreSchema, raw);
  const service = await dataService(db, projectId, serviceId);
  const [own] = await db.select().from(backups).where(and(eq(backups.id, input.backupId), eq(backups.projectId, projectId)));
  // A kept backup of a deleted project restores into any project its owner may change.
  const backup = own ?? (await ownKeptBackup(db, userId, input.backupId).catch(() => undefined));
  if (!backup) throw notFound('Backup');
  if (backup.status !== 'COMPLETE') throw conflict('Only a complete backup can be restored', 'backupId');
  if (backup.serviceType !== service.type || backup.serviceVersion !== service.version) {
    throw conflict(`A ${backup.serviceType}@${backup.serviceVersion} backup restores only into a ${backup.serviceType}@${backup.serviceVersion} service`, 'backupId');
  }
  return db.transaction(async (tx) => {
    await lockProjectForChange(tx, projectId);
    const process = await enqueueProcess(tx, {
      projectId,
      projectName: project.name,
      serviceId,
      action: 'service.restore',
      payload: { backupId: backup.id },
      createdBy: userId,
      deadlineMs: BACKUP_DEADLINE_MS,
    });
    await audit(tx, { userId, projectId, action: 'service.restore', target: service.hostname, details: { backupId: backup.id } });
    return { process };
  });
}

export async function deleteBackup(db: Db, userId: string, projectId: string, backupId: string) {
  await requireProjectAccess(db, userId, projectId, 'write');
  const [backup] = await db.select().from(backups).where(and(eq(backups.id, requireId(backupId, 'Backup')), eq(backups.projectId, projectId)));
  if (!backup) throw notFound('Backup');
  if (backup.status === 'RUNNING') throw conflict('The backup is still running');
  await db.delete(backups).where(eq(backups.id, backup.id));
  await removeStored(db, backup);
  await audit(db, { userId, projectId, action: 'backup.delete', target: backup.serviceHostname, details: { backupId: backup.id } });
}

/** The decrypted dump of a complete backup, streamed (never held in memory), for a user who may change the project (a dump holds every secret of the data). */
export async function downloadBackup(db: Db, userId: string, projectId: string, backupId: string): Promise<{ backup: typeof backups.$inferSelect; stream: Readable }> {
  await requireProjectAccess(db, userId, projectId, 'write');
  const [backup] = await db.select().from(backups).where(and(eq(backups.id, requireId(backupId, 'Backup')), eq(backups.projectId, projectId)));
  if (!backup) throw notFound('Backup');
  if (backup.status !== 'COMPLETE') throw conflict('Only a complete backup can be downloaded');
  return { backup, stream: await openStored(db, backup, await projectBackupKey(db, projectId)) };
}


export async function getSchedule(db: Db, userId: string, projectId: string, serviceId: string, now = new Date()) {
  await requireProjectAccess(db, userId, projectId, 'read');
  await anyService(db, projectId, serviceId);
  const [row] = await db.select().from(backupSchedules).where(eq(backupSchedules.serviceId, serviceId));
  const schedule = row ?? { serviceId, projectId, enabled: false, cron: DEFAULT_CRON, timeZone: 'UTC', keepLast: 7, keepDays: null, lastFiredAt: null };
  const nextRunsAt = schedule.enabled ? nextRuns(parseCron(schedule.cron), schedule.timeZone, now, 5).map((d) => d.toISOString()) : [];
  const cap = await projectCap(db, projectId);
  return { schedule, nextRuns: nextRunsAt, usage: { usedBytes: cap.used, capBytes: cap.cap } };
}

/** Sets the schedule and retention; a bad cron or zone is refused with the field named. */
export async function setSchedule(db: Db, userId: string, projectId: string, serviceId: string, raw: unknown, now = new Date()) {
  await requireProjectAccess(db, userId, projectId, 'write');
  const service = await dataService(db, projectId, serviceId);
  const input = parseInput(backupScheduleSchema, raw);
  if (input.cron !== undefined) parseCron(input.cron);
  if (input.timeZone !== undefined) checkTimeZone(input.timeZone);
  const values = { ...input, updatedAt: new Date() };
  await db
    .insert(backupSchedules)
    .values({ serviceId, projectId, cron: DEFAULT_CRON, keepLast: 7, ...values, lastFiredAt: now })
    .onConflictDoUpdate({ target: backupSchedules.serviceId, set: values });
  await audit(db, { userId, projectId, action: 'backup.schedule', target: service.hostname, details: { ...input } });
  return getSchedule(db, userId, projectId, serviceId, now);
}

/** Every backup of the project (those of deleted services too), with its usage against the cap. */
export async function projectBackups(db: Db, userId: string, projectId: string) {
  await requireProjectAccess(db, userId, projectId, 'read');
  const cap = await projectCap(db, projectId);
  const list = await db.select().from(backups).where(eq(backups.projectId, projectId)).orderBy(desc(backups.createdAt));
  return { backups: list, usage: { usedBytes: cap.used, capBytes: cap.cap } };
}
