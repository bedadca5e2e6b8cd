import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { backupSchedules, backups, projects, services, type Backup } from '@/lib/db/schema';
import type { ProcessContext } from '@/lib/processes/context';
import { backupLocation, openBackupWriter, removeBackupFile } from './files';
import { placeBackup, removeStored } from './storage';
import { projectBackupKey } from './keys';
import { BACKUP_CAP_BYTES, capMessage, formatBytes, toPrune } from './policy';
import { toolTarget } from './target';
import { toolFor } from './tools';

export class BackupCapReached extends Error {}

/** Bytes the project's backups take (complete ones, and the partial files of running ones). */
export async function projectBackupUsage(db: Db, projectId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<string>`coalesce(sum(${backups.sizeBytes}), 0)` })
    .from(backups)
    .where(and(eq(backups.projectId, projectId), inArray(backups.status, ['COMPLETE', 'RUNNING'])));
  return Number(row?.n ?? 0);
}

export async function projectCap(db: Db, projectId: string) {
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (!project) throw new Error('project not found');
  const cap = BACKUP_CAP_BYTES[project.corePackage];
  const used = await projectBackupUsage(db, projectId);
  return { cap, used, pkg: project.corePackage, full: used >= cap };
}

/** A backup a dead worker left RUNNING: never COMPLETE, its partial file removed. */
async function failLeftovers(ctx: ProcessContext, serviceId: string) {
  const left = await ctx.db.select().from(backups).where(and(eq(backups.serviceId, serviceId), eq(backups.status, 'RUNNING')));
  for (const b of left) {
    await removeBackupFile(b.location);
    await ctx.db.update(backups).set({ status: 'FAILED', error: 'the worker stopped during the backup' }).where(eq(backups.id, b.id));
    await ctx.log(`backup ${b.id} left unfinished by a stopped worker: marked failed`, { step: 'backup', level: 'warn' });
  }
}

/**
 * `service.backup`: the type's own dump tool in the container, streamed through AES-256-GCM into a
 * file under the data directory. COMPLETE is written only after the file is in place and fsynced.
 */
export async function runBackup(ctx: ProcessContext): Promise<void> {
  const serviceId = ctx.process.serviceId;
  if (!serviceId) throw new Error('service.backup needs a service');
  const [service] = await ctx.db.select().from(services).where(eq(services.id, serviceId));
  if (!service) throw new Error('the service no longer exists');
  const tool = toolFor(service.type);
  if (!tool) throw new Error(`${service.type} services are not backed up`);
  await failLeftovers(ctx, serviceId);

  const { cap, used, pkg, full } = await projectCap(ctx.db, service.projectId);
  if (full) throw new BackupCapReached(capMessage(used, cap, pkg));
  const target = await toolTarget(ctx.db, ctx.engine, service, 'backup');
  const version = (await ctx.engine.exec(target.container, tool.versionArgv)).stdout.trim().split('\n')[0] ?? null;
  const key = await projectBackupKey(ctx.db, service.projectId);

  const trigger = ctx.process.payload.trigger === 'SCHEDULE' ? 'SCHEDULE' : 'MANUAL';
  const [row] = await ctx.db
    .insert(backups)
    .values({
      projectId: service.projectId,
      serviceId,
      serviceHostname: service.hostname,
      serviceType: service.type,
      serviceVersion: service.version,
      trigger,
      processId: ctx.process.id,
      tool: tool.tool,
      toolVersion: version,
      location: 'pending',
    })
    .returning();
  const backup = row!;
  const location = backupLocation(service.projectId, backup.id);
  await ctx.db.update(backups).set({ location }).where(eq(backups.id, backup.id));
  await ctx.log(`backing up ${service.hostname} with ${version ?? tool.tool} from ${target.container}`, { step: 'backup' });

  const started = Date.now();
  const room = cap - used;
  const progress = async (bytes: number) => {
    await ctx.log(`${formatBytes(bytes)} dumped`, { step: 'backup' });
    await ctx.checkpoint('progress');
  };
  const writer = await openBackupWriter(location, key, room, () => new BackupCapReached(capMessage(used + room, cap, pkg)), progress);
  try {
    await ctx.checkpoint('dump');
    const dumping = tool.dump(target, writer.input).then(
      () => void writer.input.end(),
      (err: unknown) => {
        writer.input.destroy(err instanceof Error ? err : new Error(String(err)));
        throw err;
      },
    );
    // A failing dump ends the writer too, and a failing writer stops the dump: wait for both.
    const [dumped, written] = await Promise.allSettled([dumping, writer.done()]);
    if (dumped.status === 'rejected') throw dumped.reason;
    if (written.status === 'rejected') throw written.reason;
    const file = written.value;
    await ctx.checkpoint('store');
    const stored = await placeBackup(ctx.db, service.projectId, location);
    if (stored !== location) await ctx.log(`stored in the project's object storage as ${stored}`, { step: 'backup' });
    await ctx.checkpoint('record');
    await ctx.db
      .update(backups)
      .set({ status: 'COMPLETE', location: stored, sizeBytes: file.sizeBytes, dumpBytes: file.dumpBytes, sha256: file.sha256, durationMs: Date.now() - started, completedAt: new Date() })
      .where(eq(backups.id, backup.id));
    await ctx.log(`backup ${backup.id} complete: ${formatBytes(file.dumpBytes)} dump, ${formatBytes(file.sizeBytes)} encrypted on disk, sha256 ${file.sha256}`, { step: 'backup' });
  } catch (err) {
    writer.input.destroy();
    await writer.discard();
    await removeBackupFile(location);
    const message = err instanceof Error ? err.message : String(err);
    await ctx.db.update(backups).set({ status: 'FAILED', error: message, durationMs: Date.now() - started }).where(eq(backups.id, backup.id));
    throw err;
  }
  await pruneService(ctx, serviceId);
}

/** Retention: removes the complete backups the service's rule no longer keeps, each logged. */
export async function pruneService(ctx: ProcessContext, serviceId: string, now = new Date()): Promise<Backup[]> {
  const [rule] = await ctx.db.select().from(backupSchedules).where(eq(backupSchedules.serviceId, serviceId));
  if (!rule || (rule.keepLast === null && rule.keepDays === null)) return [];
  await ctx.checkpoint('prune');
  const complete = await ctx.db.select().from(backups).where(and(eq(backups.serviceId, serviceId), eq(backups.status, 'COMPLETE')));
  const doomed = toPrune(complete, rule, now);
  for (const b of doomed) {
    await ctx.db.delete(backups).where(eq(backups.id, b.id));
    await removeStored(ctx.db, b);
    await ctx.log(`pruned backup ${b.id} of ${b.createdAt.toISOString()} (${formatBytes(b.sizeBytes)})`, { step: 'prune' });
  }
  if (!doomed.length) await ctx.log('retention: nothing to prune', { step: 'prune' });
  return doomed;
}
