import type { Db } from '@/lib/db/client';
import { processes, type ProcessRow } from '@/lib/db/schema';

export const PROCESS_ACTIONS = [
  'project.create',
  'project.delete',
  'project.updateEnvs',
  'project.upgradeCore',
  'project.updateAddresses',
  'stack.create',
  'stack.start',
  'stack.stop',
  'stack.restart',
  'stack.delete',
  'stack.scale',
  'stack.updateEnv',
  'stack.updatePorts',
  'project.publishRouting',
  'project.import',
  'service.deploy',
  'service.activateVersion',
  'service.backup',
  'service.restore',
] as const;
export type ProcessAction = (typeof PROCESS_ACTIONS)[number];

export interface EnqueueInput {
  projectId: string;
  projectName: string;
  serviceId?: string | null;
  action: ProcessAction;
  payload?: Record<string, unknown>;
  createdBy?: string | null;
  createdBySystem?: boolean;
  /** Deadline from when the process starts; default 10 minutes. */
  deadlineMs?: number;
}

type Listener = () => void;
const listeners = new Set<Listener>();
/** In-process wake-up for the worker, so a new process starts without waiting for the next poll. */
export function onEnqueue(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Writes a PENDING process. Call it inside the transaction that changes the wanted state. */
export async function enqueueProcess(tx: Db, input: EnqueueInput): Promise<ProcessRow> {
  const [row] = await tx
    .insert(processes)
    .values({
      projectId: input.projectId,
      projectName: input.projectName,
      serviceId: input.serviceId ?? null,
      action: input.action,
      payload: { deadlineMs: input.deadlineMs ?? 600_000, ...input.payload },
      createdBy: input.createdBy ?? null,
      createdBySystem: input.createdBySystem ?? !input.createdBy,
    })
    .returning();
  queueMicrotask(() => listeners.forEach((l) => l()));
  return row!;
}
