import type { Db } from '@/lib/db/client';
import { eq } from 'drizzle-orm';
import { processes, type ProcessRow } from '@/lib/db/schema';
import type { Engine } from '@/lib/provisioner/engine';
import { SimulatedCrash } from '../context';
import { processEnded } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { startWorker, type Worker } from '../worker';

/**
 * Boundary names of one process, with repeated polls (a health or readiness wait) collapsed to one
 * entry: crashing at the first occurrence of each entry covers every distinct step boundary.
 */
export function boundaryTracker() {
  const seen: string[] = [];
  return {
    seen,
    /** Returns the collapsed index of this boundary, or -1 for a repeat of the previous one. */
    visit(name: string): number {
      if (seen.at(-1) === name) return -1;
      seen.push(name);
      return seen.length - 1;
    },
  };
}

/** A worker that records every distinct step boundary of `action` (the reference run). */
export function startRecordingWorker(opts: { db: Db; engine: Engine; action: ProcessRow['action']; pollMs?: number }): { worker: Worker; seen: string[] } {
  const tracker = boundaryTracker();
  const worker = startWorker({
    db: opts.db,
    engine: opts.engine,
    pollMs: opts.pollMs ?? 100,
    hooks: { atBoundary: (p, _i, name) => void (p.action === opts.action && tracker.visit(name)) },
  });
  return { worker, seen: tracker.seen };
}

async function ended(db: Db, id: string): Promise<boolean> {
  const [p] = await db.select({ status: processes.status }).from(processes).where(eq(processes.id, id));
  return !p || processEnded(p.status);
}

/** One run of a process, started by a test, and how to write its boundary names comparably across runs. */
export interface KilledRun {
  processId: string;
  /** Writes a boundary name of this run as the reference writes it (container names hold the project, …). */
  normalize?: (boundary: string) => string;
}

/**
 * Kills workers along one run: each worker takes the process over from where the last one died
 * (after its heartbeat went stale) and dies, as if killed, at the first boundary still in `left`;
 * the worker that meets none finishes the process. Returns the boundaries died at, in order.
 */
async function killAlong(db: Db, engine: Engine, run: KilledRun, left: Set<string>, afterCrash?: (where: string) => Promise<void>): Promise<string[]> {
  const normalize = run.normalize ?? ((b: string) => b);
  const diedAt: string[] = [];
  for (;;) {
    let crashedAt: string | undefined;
    const tracker = boundaryTracker();
    const worker = startWorker({
      db,
      engine,
      pollMs: 50,
      staleMs: 1_000,
      hooks: {
        atBoundary: (p, _i, name) => {
          if (p.id !== run.processId || tracker.visit(name) < 0 || !left.has(normalize(name))) return;
          left.delete(normalize(name));
          diedAt.push(normalize(name));
          crashedAt = name;
          throw new SimulatedCrash(`crash at ${name}`);
        },
      },
    });
    const { where } = await waitFor(
      `process ${run.processId} to end or its worker to die`,
      async () => (crashedAt ? { where: crashedAt } : (await ended(db, run.processId)) ? { where: null } : undefined),
      300_000,
      50,
    );
    await worker.stop();
    if (where === null) return diedAt;
    await afterCrash?.(where);
  }
}

/**
 * Kills a worker at every distinct step boundary in `boundaries` (a reference run's), each worker
 * taking the process over where the last one died, so one run covers most boundaries. A boundary the
 * resumed run did not pass (a wait that found its condition already met) gets a fresh run of its own
 * from `start`, until every boundary was died at or a run meets none of those left. After each
 * death `afterCrash` sees the process, after each run `afterRun` checks its end state. Returns the
 * boundaries died at per run and those no run reached.
 */
export async function killAtEveryBoundary(opts: {
  db: Db;
  engine: Engine;
  boundaries: string[];
  start: () => Promise<KilledRun>;
  afterCrash?: (processId: string, where: string) => Promise<void>;
  afterRun: (processId: string, diedAt: string[]) => Promise<void>;
}): Promise<{ runs: string[][]; unreached: string[] }> {
  const left = new Set(opts.boundaries);
  const runs: string[][] = [];
  while (left.size > 0) {
    const run = await opts.start();
    const diedAt = await killAlong(opts.db, opts.engine, run, left, opts.afterCrash && ((where) => opts.afterCrash!(run.processId, where)));
    await opts.afterRun(run.processId, diedAt);
    runs.push(diedAt);
    if (diedAt.length === 0) break;
  }
  return { runs, unreached: [...left] };
}
