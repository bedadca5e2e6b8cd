import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { backupSchedules, backups, services } from '@/lib/db/schema';
import { isAppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { systemClock, type Clock } from '@/lib/provisioner/clock';
import { nextRun, parseCron } from './cron';
import { requestBackup } from './domain';

const log = logger('backups');

/**
 * Enqueues a backup for every enabled schedule whose next run (after the last one it fired, read in
 * its time zone) has come. Claiming the run is a conditional update, so two workers fire it once.
 */
export async function fireDueBackups(db: Db, now: Date): Promise<string[]> {
  const fired: string[] = [];
  const list = await db.select().from(backupSchedules).where(eq(backupSchedules.enabled, true));
  for (const s of list) {
    let due: Date;
    try {
      due = nextRun(parseCron(s.cron), s.timeZone, s.lastFiredAt ?? s.createdAt);
    } catch {
      continue;
    }
    if (due.getTime() > now.getTime()) continue;
    const claimed = await db
      .update(backupSchedules)
      .set({ lastFiredAt: now })
      .where(and(eq(backupSchedules.serviceId, s.serviceId), s.lastFiredAt ? eq(backupSchedules.lastFiredAt, s.lastFiredAt) : isNull(backupSchedules.lastFiredAt)))
      .returning();
    if (!claimed.length) continue;
    try {
      await requestBackup(db, null, s.projectId, s.serviceId, { trigger: 'SCHEDULE' });
      fired.push(s.serviceId);
    } catch (err) {
      // A full project: the refusal is recorded as a failed backup the user sees in the list.
      const message = err instanceof Error ? err.message : String(err);
      log.warn('scheduled backup refused', { serviceId: s.serviceId, error: message });
      if (isAppError(err)) await recordRefusal(db, s.projectId, s.serviceId, message);
    }
  }
  return fired;
}

async function recordRefusal(db: Db, projectId: string, serviceId: string, message: string) {
  const [service] = await db.select().from(services).where(eq(services.id, serviceId));
  if (!service) return;
  await db.insert(backups).values({
    projectId,
    serviceId,
    serviceHostname: service.hostname,
    serviceType: service.type,
    serviceVersion: service.version,
    status: 'FAILED',
    trigger: 'SCHEDULE',
    tool: '',
    location: '',
    error: message,
  });
}

/** The periodic loop in the worker: checks schedules every `intervalMs` against the clock. */
export function startBackupScheduler(db: Db, opts: { intervalMs?: number; clock?: Clock } = {}): { stop(): void } {
  const clock = opts.clock ?? systemClock;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await fireDueBackups(db, new Date(clock.now()));
    } catch (err) {
      log.warn('backup schedule check failed', { error: err instanceof Error ? err.message : String(err) });
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.intervalMs ?? 30_000);
  void tick();
  return { stop: () => clearInterval(timer) };
}
