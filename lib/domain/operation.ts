import { and, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { processes, type ProcessRow } from '@/lib/db/schema';
import { enqueueProcess, type ProcessAction } from '@/lib/processes/enqueue';
import { audit } from './audit';

export interface Operation {
  action: ProcessAction;
  serviceId?: string | null;
  payload?: Record<string, unknown>;
  deadlineMs?: number;
  /** The audit row: its action defaults to the process action. */
  audit: { action?: string; target: string; details?: Record<string, unknown> };
}

/**
 * The end of every user operation that changes the wanted state: the process that reconciles it
 * and the audit row, written in the caller's transaction (both or neither).
 */
export async function enqueueOperation(tx: Db, who: { userId: string | null; project: { id: string; name: string } }, op: Operation): Promise<ProcessRow> {
  const process = await enqueueProcess(tx, {
    projectId: who.project.id,
    projectName: who.project.name,
    serviceId: op.serviceId ?? null,
    action: op.action,
    payload: op.payload,
    deadlineMs: op.deadlineMs,
    createdBy: who.userId,
  });
  await audit(tx, { userId: who.userId, projectId: who.project.id, action: op.audit.action ?? op.action, target: op.audit.target, details: op.audit.details });
  return process;
}

/** Deletions are never superseded: a canceled one would leave its target DELETING for ever. */
const DELETIONS: ProcessAction[] = ['project.delete', 'stack.delete'];

/**
 * A deletion supersedes the work still queued or running for what it deletes (a project, or one of
 * its services): PENDING becomes CANCELED at once, RUNNING becomes CANCELING and stops at its next
 * step boundary. Without this, a restart in flight waits for containers that the deletion's wanted
 * state no longer has, and the deletion queues behind it until the restart's deadline.
 */
export async function supersedeOperations(tx: Db, userId: string | null, scope: { projectId: string; serviceId?: string }): Promise<void> {
  const inScope = and(
    eq(processes.projectId, scope.projectId),
    scope.serviceId ? eq(processes.serviceId, scope.serviceId) : undefined,
    notInArray(processes.action, DELETIONS),
  );
  await tx
    .update(processes)
    .set({ cancelRequested: true, canceledBy: userId, status: 'CANCELED', finishedAt: new Date() })
    .where(and(inScope, eq(processes.status, 'PENDING')));
  await tx
    .update(processes)
    .set({ cancelRequested: true, canceledBy: userId, status: 'CANCELING' })
    .where(and(inScope, inArray(processes.status, ['RUNNING', 'CANCELING'])));
}
