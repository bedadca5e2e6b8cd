import { eq } from 'drizzle-orm';
import { backups, services } from '@/lib/db/schema';
import type { ProcessContext } from '@/lib/processes/context';
import { openStored, verifyStored } from './storage';
import { backupKey } from './keep';
import { formatBytes } from './policy';
import { toolTarget } from './target';
import { toolFor } from './tools';

/**
 * `service.restore`: loads a complete backup into the process's service (the one it was made of, or
 * another of the same type and version). The file's checksum is verified before anything is read
 * into the service, every chunk is authenticated while it streams, and the tool replaces the live
 * data only after the load succeeded.
 */
export async function runRestore(ctx: ProcessContext): Promise<void> {
  const serviceId = ctx.process.serviceId;
  const backupId = typeof ctx.process.payload.backupId === 'string' ? ctx.process.payload.backupId : undefined;
  if (!serviceId || !backupId) throw new Error('service.restore needs a service and a backup');
  const [service] = await ctx.db.select().from(services).where(eq(services.id, serviceId));
  const [backup] = await ctx.db.select().from(backups).where(eq(backups.id, backupId));
  if (!service) throw new Error('the service no longer exists');
  if (!backup || backup.status !== 'COMPLETE') throw new Error('the backup is not complete');
  if (backup.projectId !== null && backup.projectId !== service.projectId) throw new Error('the backup belongs to another project');
  if (backup.serviceType !== service.type || backup.serviceVersion !== service.version) {
    throw new Error(`a ${backup.serviceType}@${backup.serviceVersion} backup restores only into a ${backup.serviceType}@${backup.serviceVersion} service`);
  }
  const tool = toolFor(service.type);
  if (!tool) throw new Error(`${service.type} services are not backed up`);

  await ctx.log(`verifying backup ${backup.id} (${backup.sha256})`, { step: 'verify' });
  await verifyStored(ctx.db, backup);
  await ctx.checkpoint('verified');
  const key = await backupKey(ctx.db, backup);
  const target = await toolTarget(ctx.db, ctx.engine, service, 'restore');
  await ctx.log(`restoring ${backup.serviceHostname}'s backup of ${backup.createdAt.toISOString()} into ${service.hostname}`, { step: 'restore' });
  const tag = ctx.process.id.replace(/-/g, '').slice(0, 12);
  const progress = async (bytes: number) => {
    await ctx.log(`${formatBytes(bytes)} of ${formatBytes(backup.dumpBytes)} restored`, { step: 'restore' });
    await ctx.checkpoint('progress');
  };
  await tool.restore(target, await openStored(ctx.db, backup, key, progress), tag, (message) => ctx.log(message, { step: 'restore' }));
  await ctx.log(`restore of backup ${backup.id} into ${service.hostname} finished`, { step: 'restore' });
}
