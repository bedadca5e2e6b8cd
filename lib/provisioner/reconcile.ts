import { observeProject } from './observe';
import { plan } from './plan';
import { applyStep } from './apply';
import type { Runtime } from './runtime';
import type { WantedProject } from './spec';
import { describeStep, type Step } from './steps';

export interface ReconcileHooks {
  /** Called before each step; throwing stops the loop at this step boundary (cancel, test crash). */
  beforeStep?: (s: Step, index: number) => Promise<void> | void;
  onStep?: (s: Step, description: string) => Promise<void> | void;
}

export interface ReconcileResult {
  applied: number;
  rounds: number;
  converged: boolean;
}

const locks = new Map<string, Promise<unknown>>();

/** Serialises work on one project within this process (the worker adds the cross-process order). */
export async function withProjectLock<T>(projectId: string, fn: () => Promise<T>): Promise<T> {
  const previous = locks.get(projectId) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(fn);
  locks.set(projectId, next);
  try {
    return await next;
  } finally {
    if (locks.get(projectId) === next) locks.delete(projectId);
  }
}

/** observe → plan → apply, re-observing after every round, until nothing is left or the deadline. */
export async function reconcile(
  runtime: Runtime,
  wanted: WantedProject,
  opts: { deadline?: number; maxRounds?: number } & ReconcileHooks = {},
): Promise<ReconcileResult> {
  const deadline = opts.deadline ?? Date.now() + 120_000;
  const maxRounds = opts.maxRounds ?? 5;
  let applied = 0;
  for (let round = 1; round <= maxRounds; round++) {
    const steps = plan(wanted, await observeProject(runtime, wanted.projectId));
    if (steps.length === 0) return { applied, rounds: round, converged: true };
    for (const s of steps) {
      if (Date.now() > deadline) return { applied, rounds: round, converged: false };
      await opts.beforeStep?.(s, applied);
      await applyStep(runtime, s);
      applied++;
      await opts.onStep?.(s, describeStep(s));
    }
  }
  return { applied, rounds: maxRounds, converged: false };
}
