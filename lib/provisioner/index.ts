import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { projects } from '@/lib/db/schema';
import { boundedRuntime } from './deadline';
import { projectExtensions } from './extensions';
import { reconcile, withProjectLock, type ReconcileHooks, type ReconcileResult } from './reconcile';
import type { Runtime } from './runtime';
import { syncObserved } from './sync-observed';
import { buildWantedProject } from './wanted';

export interface ConvergeOptions extends ReconcileHooks {
  /** Epoch ms after which no further step starts (default: two minutes from now). */
  deadline?: number;
  /** Runs first, once the project lock is held (a process's cancel point). */
  onLocked?: () => Promise<void>;
}

/**
 * Converges one project under its lock: the extensions' beforeApply hooks (the core's addresses), wanted state from the database → observe → plan → apply until converged, then the extensions'
 * afterApply hooks (core config) and the observed `containers` rows for the UI.
 */
async function convergeUnlocked(db: Db, engine: Runtime, projectId: string, opts: ConvergeOptions): Promise<ReconcileResult> {
  await opts.onLocked?.();
  const deadline = opts.deadline ?? Date.now() + 120_000;
  // No engine call outlives the deadline, so a hung call cannot hold the project lock for ever.
  const runtime = boundedRuntime(engine, deadline, deadline - Date.now());
  let [before] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (before && before.status !== 'DELETING') for (const ext of projectExtensions()) before = (await ext.beforeApply?.({ db, runtime, project: before })) ?? before;
  const wanted = await buildWantedProject(db, runtime, projectId);
  const result = await reconcile(runtime, wanted, { ...opts, deadline });
  if (!result.converged) return result;
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (project) {
    for (const ext of projectExtensions()) await ext.afterApply?.({ db, runtime, project });
    await syncObserved(db, runtime, projectId);
  }
  return result;
}

/** The provisioner's one entry point: converges one project now, serialised with every other reconcile of it in this process. */
export function reconcileProject(db: Db, runtime: Runtime, projectId: string, opts: ConvergeOptions = {}): Promise<ReconcileResult> {
  return withProjectLock(projectId, () => convergeUnlocked(db, runtime, projectId, opts));
}

export { projectLocked, withProjectLock } from './reconcile';
export { registerProjectExtension, type ProjectExtension, type ExtensionContext } from './extensions';
export { findUnresolvedReferences } from '@/lib/envvars/resolve';
