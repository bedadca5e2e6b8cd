import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { containers, processes, projects } from '@/lib/db/schema';
import { logger } from '@/lib/log';
import { projectExtensions } from '@/lib/provisioner/extensions';
import { L } from '@/lib/provisioner/labels';
import { observedProjectIds } from '@/lib/provisioner/observe';
import { reconcile, withProjectLock } from '@/lib/provisioner/reconcile';
import type { Runtime } from '@/lib/provisioner/runtime';
import { syncObserved } from '@/lib/provisioner/sync-observed';
import { buildWantedProject } from '@/lib/provisioner/wanted';

const log = logger('self-heal');

/** Converges one project now (used by the watcher, the periodic loop and start-up). */
export async function healProject(db: Db, runtime: Runtime, projectId: string): Promise<number> {
  return withProjectLock(projectId, async () => {
    const wanted = await buildWantedProject(db, runtime, projectId);
    const result = await reconcile(runtime, wanted, { deadline: Date.now() + 120_000 });
    if (result.applied) log.info('repaired project', { projectId, steps: result.applied });
    const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
    if (project) {
      for (const ext of projectExtensions()) await ext.afterApply?.({ db, runtime, project });
      await syncObserved(db, runtime, projectId);
    }
    return result.applied;
  });
}

export interface SelfHealer {
  stop(): void;
}

/**
 * Watches Docker's event stream: when a managed container dies or disappears, its project is
 * reconciled (debounced). A periodic full reconcile catches anything missed; one runs at start.
 * `projectFilter` limits the healer to projects of this database (tests share one engine).
 */
export async function startSelfHealer(
  db: Db,
  runtime: Runtime,
  opts: { intervalMs: number; sweepOrphans: boolean; debounceMs?: number },
): Promise<SelfHealer> {
  const timers = new Map<string, NodeJS.Timeout>();
  const busy = async (projectId: string) =>
    (
      await db
        .select({ id: processes.id })
        .from(processes)
        .where(and(eq(processes.projectId, projectId), inArray(processes.status, ['RUNNING', 'CANCELING'])))
        .limit(1)
    ).length > 0;
  const known = async (projectId: string) => (await db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId))).length > 0;
  // Docker may report `die` before the container's state reads as exited: when a repair finds
  // nothing to do, look again a few times before trusting it.
  const schedule = (projectId: string, followUp = 0) => {
    clearTimeout(timers.get(projectId));
    timers.set(
      projectId,
      setTimeout(
        () => {
          timers.delete(projectId);
          healProject(db, runtime, projectId)
            .then((applied) => {
              if (applied === 0 && followUp < 4) schedule(projectId, followUp + 1);
            })
            .catch((err) => log.warn('repair failed', { projectId, error: String(err) }));
        },
        followUp === 0 ? (opts.debounceMs ?? 100) : 250 * followUp,
      ),
    );
  };

  const stopEvents = await runtime.watchEvents(
    (e) => {
      const projectId = e.labels[L.project];
      if (!projectId || !['die', 'destroy', 'oom', 'start', 'health_status: unhealthy', 'health_status: healthy'].includes(e.action)) return;
      void known(projectId).then(async (ok) => {
        if (!ok) return;
        if (e.action === 'die' && e.labels.name && !(await busy(projectId))) {
          // Died with no process of its project running: not a stop, restart or replacement that
          // someone asked for, so it counts as a restart (Docker's or the healer's).
          await db.update(containers).set({ restartCount: sql`${containers.restartCount} + 1`, status: 'restarting' }).where(eq(containers.name, e.labels.name));
        }
        if (e.action === 'start' || e.action.startsWith('health_status')) {
          await syncObserved(db, runtime, projectId).catch(() => {});
          return;
        }
        schedule(projectId);
      });
    },
    (err) => log.warn('event stream ended', { error: err.message }),
  );

  async function sweep() {
    const ids = (await db.select({ id: projects.id }).from(projects).where(inArray(projects.status, ['ACTIVE', 'STOPPED', 'FAILED']))).map((r) => r.id);
    for (const id of ids) await healProject(db, runtime, id).catch((err) => log.warn('periodic repair failed', { id, error: String(err) }));
    if (opts.sweepOrphans) {
      const mine = new Set((await db.select({ id: projects.id }).from(projects)).map((r) => r.id));
      for (const id of await observedProjectIds(runtime)) {
        if (!mine.has(id)) await healProject(db, runtime, id).catch(() => {}); // no rows → wanted is empty → removed
      }
    }
  }
  void sweep();
  const periodic = setInterval(() => void sweep(), opts.intervalMs);
  return {
    stop() {
      stopEvents();
      clearInterval(periodic);
      timers.forEach((t) => clearTimeout(t));
    },
  };
}
