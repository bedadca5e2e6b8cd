import { observeProject } from './observe';
import { plan } from './plan';
import { applyStep } from './apply';
import { systemClock, type Clock } from './clock';
import type { Engine } from './engine';
import type { WantedProject } from './spec';
import { describeStep, type Step } from './steps';
import { logger } from '@/lib/log';

const log = logger('reconcile');

export interface ReconcileHooks {
  /** Called before each step; throwing stops the loop at this step boundary (cancel, test crash). */
  beforeStep?: (s: Step, index: number) => Promise<void> | void;
  onStep?: (s: Step, description: string) => Promise<void> | void;
}

export interface ReconcileResult {
  applied: number;
  rounds: number;
  settled: boolean;
  /** When not reconciled: what the last plan still asked for (for the error message). */
  remaining: string[];
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

/** Whether work on the project is running or queued in this process (the periodic pass skips it). */
export function projectLocked(projectId: string): boolean {
  return locks.has(projectId);
}

/**
 * Applies a step; a container the engine cannot start (after a dockerd restart it may answer
 * "task … already exists" for ever) is replaced at once: removed and created again from its spec,
 * on the same volumes, instead of being tried again every pass.
 */
async function applyOrReplace(engine: Engine, wanted: WantedProject, s: Step): Promise<void> {
  try {
    await applyStep(engine, s);
  } catch (err) {
    const want = s.action === 'startContainer' ? wanted.containers.find((c) => c.spec.name === s.current.name) : undefined;
    if (!want || s.action !== 'startContainer') throw err;
    log.warn('container would not start; replacing it', { container: s.current.name, error: err instanceof Error ? err.message : String(err) });
    await applyStep(engine, { action: 'removeContainer', current: s.current, reason: 'would not start' });
    await applyStep(engine, { action: 'createContainer', target: want.spec, hash: want.hash });
  }
}

/** observe → plan → apply, re-observing after every round, until nothing is left or the deadline. */
export async function reconcile(
  engine: Engine,
  wanted: WantedProject,
  opts: { deadline?: number; maxRounds?: number; clock?: Clock } & ReconcileHooks = {},
): Promise<ReconcileResult> {
  const clock = opts.clock ?? systemClock;
  const deadline = opts.deadline ?? clock.now() + 120_000;
  const maxRounds = opts.maxRounds ?? 5;
  let applied = 0;
  let steps: Step[] = [];
  for (let round = 1; round <= maxRounds; round++) {
    steps = plan(wanted, await observeProject(engine, wanted.projectId));
    if (steps.length === 0) return { applied, rounds: round, settled: true, remaining: [] };
    for (const [i, s] of steps.entries()) {
      if (clock.now() > deadline) return { applied, rounds: round, settled: false, remaining: steps.slice(i).map(describeStep) };
      await opts.beforeStep?.(s, applied);
      await applyOrReplace(engine, wanted, s);
      applied++;
      await opts.onStep?.(s, describeStep(s));
    }
  }
  // Every round applied steps and the next plan was still not empty: something undoes them.
  return { applied, rounds: maxRounds, settled: false, remaining: steps.map(describeStep) };
}
