import type { Db } from '@/lib/db/client';
import type { ProcessRow } from '@/lib/db/schema';
import type { Engine } from '@/lib/provisioner/engine';
import { SimulatedCrash } from '../context';
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

/**
 * A worker that dies (as if killed) at the `boundary`-th distinct step boundary of the first
 * attempt of `action`; `crash` resolves with that boundary's name. Stop it, then start a rescuer.
 */
export function startWorkerDyingAt(opts: { db: Db; engine: Engine; action: ProcessRow['action']; boundary: number; pollMs?: number }): {
  worker: Worker;
  crash: Promise<string>;
} {
  let crashed!: (name: string) => void;
  const crash = new Promise<string>((resolve) => (crashed = resolve));
  const tracker = boundaryTracker();
  const worker = startWorker({
    db: opts.db,
    engine: opts.engine,
    pollMs: opts.pollMs ?? 100,
    staleMs: 60_000,
    hooks: {
      atBoundary: (p, _i, name) => {
        if (p.action !== opts.action || p.attempts !== 1) return;
        if (tracker.visit(name) === opts.boundary) {
          crashed(name);
          throw new SimulatedCrash(`crash at boundary ${opts.boundary} (${name})`);
        }
      },
    },
  });
  return { worker, crash };
}
