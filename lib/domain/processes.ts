import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { processLogs, processes } from '@/lib/db/schema';
import { conflict, notFound } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { audit } from './audit';
import { requireId } from './ids';

/** Newest first; `limit` 1–500 (default 50). */
export async function listProcesses(db: Db, userId: string, projectId: string, opts: { limit?: number } = {}) {
  await requireProjectAccess(db, userId, projectId, 'read');
  const limit = Math.min(500, Math.max(1, Math.trunc(opts.limit ?? 50) || 50));
  return db.select().from(processes).where(eq(processes.projectId, projectId)).orderBy(desc(processes.sequence)).limit(limit);
}

export async function getProcess(db: Db, userId: string, projectId: string, processId: string) {
  await requireProjectAccess(db, userId, projectId, 'read');
  const [process] = await db.select().from(processes).where(and(eq(processes.id, requireId(processId, 'Process')), eq(processes.projectId, projectId)));
  if (!process) throw notFound('Process');
  const log = await db.select().from(processLogs).where(eq(processLogs.processId, processId)).orderBy(asc(processLogs.id));
  return { process, log };
}

/** PENDING → CANCELED at once; RUNNING → CANCELING, and the worker stops at the next step boundary. */
export async function cancelProcess(db: Db, userId: string, projectId: string, processId: string) {
  await requireProjectAccess(db, userId, projectId, 'write');
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(processes).where(and(eq(processes.id, requireId(processId, 'Process')), eq(processes.projectId, projectId))).for('update');
    if (!p) throw notFound('Process');
    if (!['PENDING', 'RUNNING', 'CANCELING'].includes(p.status)) throw conflict(`The process has already ${p.status.toLowerCase()}`);
    // A half-done deletion cannot be undone, and a canceled one would leave the project DELETING for ever.
    if (p.action === 'project.delete') throw conflict('A project deletion cannot be canceled');
    const pending = p.status === 'PENDING';
    const [row] = await tx
      .update(processes)
      .set({ cancelRequested: true, canceledBy: userId, status: pending ? 'CANCELED' : 'CANCELING', finishedAt: pending ? new Date() : null })
      .where(and(eq(processes.id, processId), inArray(processes.status, ['PENDING', 'RUNNING', 'CANCELING'])))
      .returning();
    await audit(tx, { userId, projectId, action: 'process.cancel', target: p.action });
    return row!;
  });
}
