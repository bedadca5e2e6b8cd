import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { processLogs, processes, type ProcessRow } from '@/lib/db/schema';
import { boundedEngine } from '@/lib/provisioner/deadline';
import type { Engine } from '@/lib/provisioner/engine';

export class ProcessCanceled extends Error {
  constructor() {
    super('Canceled by user');
  }
}

/**
 * This worker no longer owns the process: it stalled past the heartbeat window and another worker
 * took it over. It stops at the step boundary without touching the process row.
 */
export class ProcessTakenOver extends Error {
  constructor(by: string | null) {
    super(`taken over by ${by ?? 'nobody'}`);
  }
}

/** Thrown by a test hook to emulate a worker dying at a step boundary. */
export class SimulatedCrash extends Error {}

export interface WorkerHooks {
  /** Called at every step boundary with its index and name; may throw SimulatedCrash. */
  atBoundary?: (process: ProcessRow, index: number, name: string) => void | Promise<void>;
}

export interface ProcessContext {
  db: Db;
  engine: Engine;
  process: ProcessRow;
  deadline: number;
  log(message: string, opts?: { step?: string; level?: 'info' | 'warn' | 'error' }): Promise<void>;
  /** A step boundary (named for the step log and tests): honours cancel requests, the deadline and test hooks. */
  checkpoint(name?: string, opts?: { cancelable?: boolean }): Promise<void>;
}

export function createContext(db: Db, engine: Engine, process: ProcessRow, hooks: WorkerHooks = {}): ProcessContext {
  const deadlineMs = Number(process.payload.deadlineMs ?? 600_000);
  const deadline = (process.startedAt?.getTime() ?? Date.now()) + deadlineMs;
  let boundary = 0;
  return {
    db,
    // The process's deadline also ends an engine call in the middle of a step.
    engine: boundedEngine(engine, deadline, deadlineMs),
    process,
    deadline,
    async log(message, opts = {}) {
      await db.insert(processLogs).values({ processId: process.id, message, step: opts.step, level: opts.level ?? 'info' });
    },
    async checkpoint(name = 'step', { cancelable = true } = {}) {
      await hooks.atBoundary?.(process, boundary++, name);
      const [row] = await db.select({ c: processes.cancelRequested, w: processes.workerId }).from(processes).where(eq(processes.id, process.id));
      if (process.workerId && row?.w !== process.workerId) throw new ProcessTakenOver(row?.w ?? null);
      if (!cancelable) return;
      if (row?.c) throw new ProcessCanceled();
      if (Date.now() > deadline) {
        throw new Error(`Deadline of ${deadlineMs >= 1000 ? `${Math.round(deadlineMs / 1000)} s` : `${deadlineMs} ms`} passed`);
      }
    },
  };
}
