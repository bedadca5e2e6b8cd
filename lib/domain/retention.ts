import { and, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { auditLog, processes } from '@/lib/db/schema';

/** How long finished processes (with their step logs) and audit rows are kept. */
export const RETENTION = { processDays: 90, auditDays: 365 };

/**
 * Deletes finished processes older than the retention (their step logs go with them) and audit
 * rows older than theirs, so these tables stay bounded on a long-running instance.
 */
export async function enforceRecordRetention(db: Db, now = new Date(), keep = RETENTION): Promise<{ processes: number; audit: number }> {
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const gone = await db
    .delete(processes)
    .where(and(inArray(processes.status, ['FINISHED', 'FAILED', 'CANCELED']), isNotNull(processes.finishedAt), lt(processes.finishedAt, before(keep.processDays))))
    .returning({ id: processes.id });
  const audit = await db.delete(auditLog).where(lt(auditLog.at, before(keep.auditDays))).returning({ id: auditLog.id });
  return { processes: gone.length, audit: audit.length };
}
