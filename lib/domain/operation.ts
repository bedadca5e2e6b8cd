import type { Db } from '@/lib/db/client';
import type { ProcessRow } from '@/lib/db/schema';
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
