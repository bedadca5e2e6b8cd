import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { projects } from '@/lib/db/schema';
import { boundedEngine } from './deadline';
import { projectExtensions } from './extensions';
import { reconcile, withProjectLock, type ReconcileHooks, type ReconcileResult } from './reconcile';
import type { Engine } from './engine';
import { syncObserved } from './sync-observed';
import { buildWantedProject } from './wanted';

export interface ReconcileProjectOptions extends ReconcileHooks {
  /** Epoch ms after which no further step starts (default: two minutes from now). */
  deadline?: number;
  /** Runs first, once the project lock is held (a process's cancel point). */
  onLocked?: () => Promise<void>;
}

/**
 * Reconciles one project under its lock: the extensions' beforeApply hooks (the core's addresses), wanted state from the database → observe → plan → apply until settled, then the extensions'
 * afterApply hooks (core config) and the observed `containers` rows for the UI.
 */
async function reconcileLocked(db: Db, unbounded: Engine, projectId: string, opts: ReconcileProjectOptions): Promise<ReconcileResult> {
  await opts.onLocked?.();
  const deadline = opts.deadline ?? Date.now() + 120_000;
  // No engine call outlives the deadline, so a hung call cannot hold the project lock for ever.
  const engine = boundedEngine(unbounded, deadline, deadline - Date.now());
  let [before] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (before && before.status !== 'DELETING') for (const ext of projectExtensions()) before = (await ext.beforeApply?.({ db, engine, project: before })) ?? before;
  const wanted = await buildWantedProject(db, engine, projectId);
  const result = await reconcile(engine, wanted, { ...opts, deadline });
  if (!result.settled) return result;
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (project) {
    for (const ext of projectExtensions()) await ext.afterApply?.({ db, engine, project });
    await syncObserved(db, engine, projectId);
  }
  return result;
}

/** The provisioner's one entry point: reconciles one project now, serialised with every other reconcile of it in this process. */
export function reconcileProject(db: Db, engine: Engine, projectId: string, opts: ReconcileProjectOptions = {}): Promise<ReconcileResult> {
  return withProjectLock(projectId, () => reconcileLocked(db, engine, projectId, opts));
}

export { projectLocked, withProjectLock } from './reconcile';
export { registerProjectExtension, type ProjectExtension, type ExtensionContext } from './extensions';
export { findUnresolvedReferences } from '@/lib/envvars/resolve';
