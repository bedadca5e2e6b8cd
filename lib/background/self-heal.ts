import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { containers, processes, projects } from '@/lib/db/schema';
import { logger } from '@/lib/log';
import { projectLocked, reconcileProject } from '@/lib/provisioner';
import { takeIntendedStop } from '@/lib/provisioner/intended';
import { L } from '@/lib/provisioner/labels';
import { sweepOrphans } from '@/lib/provisioner/orphans';
import type { EngineEvent, Engine } from '@/lib/provisioner/engine';
import { syncObserved } from '@/lib/provisioner/sync-observed';
import { probeReady } from './ready-probe';

const log = logger('self-heal');
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Reconciles one project now (used by the watcher, the periodic loop and start-up). Returns the steps applied. */
export async function healProject(db: Db, engine: Engine, projectId: string): Promise<number> {
  const result = await reconcileProject(db, engine, projectId);
  if (result.applied) log.info('repaired project', { projectId, steps: result.applied });
  if (!result.settled) log.warn('project did not reconcile', { projectId, steps: result.applied });
  return result.applied;
}

export interface SelfHealer {
  stop(): void;
  /** One full pass now (every project, then orphans when enabled); resolves when done. */
  sweep(): Promise<void>;
}

export interface SelfHealerOptions {
  /** Period of the full reconcile (BERTH_RECONCILE_INTERVAL_MS). */
  intervalMs: number;
  /** Remove containers/networks of projects this database does not know (volumes are kept). */
  sweepOrphans: boolean;
  /** Wait after a die/destroy event before reconciling (events come in bursts). */
  debounceMs?: number;
}

/** Looks again after a repair that found nothing to do (about four seconds in all). */
const FOLLOW_UPS = 8;
const WATCHED = new Set(['die', 'destroy', 'oom', 'start', 'health_status: unhealthy', 'health_status: healthy']);

/**
 * Watches Docker's event stream: when a managed container dies or disappears, its project is
 * reconciled (debounced). A periodic full reconcile catches anything missed; one runs at start
 * and after the event stream reconnects (dockerd restarted: events were lost meanwhile).
 */
export async function startSelfHealer(db: Db, engine: Engine, opts: SelfHealerOptions): Promise<SelfHealer> {
  let stopped = false;
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

  // Docker reports `die` before its container list reads the container as exited (a repair right
  // after the event finds it running): when a repair finds nothing to do, look again soon and then
  // less often (20, 40 … 1280, 1600 ms) before trusting it.
  const schedule = (projectId: string, followUp = 0, now = false) => {
    if (stopped) return;
    clearTimeout(timers.get(projectId));
    const delay = now ? 0 : followUp === 0 ? (opts.debounceMs ?? 100) : Math.min(10 * 2 ** followUp, 1600);
    const timer = setTimeout(() => {
      timers.delete(projectId);
      // Busy (a process or another repair holds the project): look again later rather than queue behind it.
      if (projectLocked(projectId)) return schedule(projectId, Math.min(followUp + 1, FOLLOW_UPS));
      healProject(db, engine, projectId)
        .then((applied) => {
          if (applied === 0 && followUp < FOLLOW_UPS) schedule(projectId, followUp + 1);
        })
        .catch((err) => log.warn('repair failed', { projectId, error: errorText(err) }));
    }, delay);
    timers.set(projectId, timer);
  };

  async function onEvent(e: EngineEvent) {
    const projectId = e.labels[L.project];
    if (!projectId || !WATCHED.has(e.action) || !(await known(projectId))) return;
    // A container died or vanished: repair at once, not after the debounce (a burst's later events
    // are caught by the follow-up looks). The repair only starts or recreates what should run, so
    // counting the restart below may finish after it.
    if (e.action === 'die' || e.action === 'destroy') schedule(projectId, 0, true);
    if (e.action === 'die' && e.labels.name && !takeIntendedStop(e.labels.name) && !(await busy(projectId))) {
      // Died with no process of its project running and not stopped by Berth itself (a reconcile's
      // replacement): not a stop, restart or replacement anyone asked for, so it counts as a restart.
      await db
        .update(containers)
        .set({ restartCount: sql`${containers.restartCount} + 1`, status: 'restarting', updatedAt: new Date() })
        .where(eq(containers.name, e.labels.name));
    }
    // A service container (re)started: ask it directly at short intervals rather than wait for
    // Docker's health interval (started before the row sync, which the probe does not need).
    const started = e.action === 'start' && e.labels[L.kind] === 'service' && e.labels.name;
    if (started) void probeReady(db, engine, started).catch((err) => log.debug('readiness probe failed', { error: errorText(err) }));
    if (e.action === 'start' || e.action.startsWith('health_status')) await syncObserved(db, engine, projectId);
    if (!started && e.action !== 'die' && e.action !== 'destroy') schedule(projectId);
  }

  let sweeping: Promise<void> | undefined;
  async function fullPass() {
    const ids = (await db.select({ id: projects.id }).from(projects).where(inArray(projects.status, ['ACTIVE', 'STOPPED', 'FAILED']))).map((r) => r.id);
    for (const id of ids) {
      if (stopped) return;
      // A project whose lock is held is being worked on (or is stuck until its deadline): skip it this pass.
      if (projectLocked(id)) {
        log.debug('periodic repair skipped: project busy', { projectId: id });
        continue;
      }
      await healProject(db, engine, id).catch((err) => log.warn('periodic repair failed', { projectId: id, error: errorText(err) }));
    }
    if (opts.sweepOrphans && !stopped) {
      const all = new Set((await db.select({ id: projects.id }).from(projects)).map((r) => r.id));
      const swept = await sweepOrphans(engine, all);
      if (swept.removedContainers.length || swept.removedNetworks.length) log.info('removed objects of unknown projects', { ...swept });
      if (swept.keptVolumes.length) log.warn('volumes of unknown projects kept (remove by hand if unneeded)', { volumes: swept.keptVolumes });
    }
  }
  /** One pass at a time: a slow pass is not overlapped by the next tick. */
  const sweep = () => {
    sweeping ??= fullPass()
      .catch((err) => log.warn('full reconcile failed', { error: errorText(err) }))
      .finally(() => (sweeping = undefined));
    return sweeping;
  };

  // Every successful subscription is followed by a full pass: at start-up (the start-up reconcile)
  // and after a reconnect (dockerd restarted; events were lost meanwhile).
  let unsubscribe: (() => void) | undefined;
  let handling: Promise<void> = Promise.resolve();
  let retryMs = 500;
  let retryTimer: NodeJS.Timeout | undefined;
  const retry = () => {
    if (stopped) return;
    retryTimer = setTimeout(() => void subscribe(), retryMs);
    retryMs = Math.min(retryMs * 2, 30_000);
  };
  async function subscribe(): Promise<void> {
    try {
      unsubscribe = await engine.watchEvents(
        // One event at a time, in the engine's order: a container's `die` (which counts a restart on
        // its row) is handled before its `destroy` starts a repair that replaces the row.
        (e) => {
          handling = handling.then(() => onEvent(e)).catch((err) => log.warn('event handling failed', { action: e.action, error: errorText(err) }));
        },
        (err) => {
          log.warn('Docker event stream ended; subscribing again', { error: err.message });
          retry();
        },
      );
      retryMs = 500;
      void sweep();
    } catch (err) {
      log.warn('cannot watch Docker events; retrying', { error: errorText(err), inMs: retryMs });
      retry();
    }
  }
  await subscribe();
  const periodic = setInterval(() => void sweep(), opts.intervalMs);
  return {
    sweep,
    stop() {
      stopped = true;
      unsubscribe?.();
      clearTimeout(retryTimer);
      clearInterval(periodic);
      timers.forEach((t) => clearTimeout(t));
    },
  };
}
