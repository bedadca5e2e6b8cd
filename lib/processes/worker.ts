import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { processes, type ProcessRow } from '@/lib/db/schema';
import { logger } from '@/lib/log';
import type { Engine } from '@/lib/provisioner/engine';
import { ProcessCanceled, ProcessTakenOver, SimulatedCrash, createContext, type WorkerHooks } from './context';
import { onEnqueue } from './enqueue';
import { processHandlers } from './handlers';
import type { ProcessHandler } from './registry';
import type { ProcessAction } from './enqueue';

const log = logger('worker');

export interface WorkerOptions {
  db: Db;
  engine: Engine;
  workerId?: string;
  /** Processes run at once (different projects only). */
  concurrency?: number;
  /** Processes one tenant may run at once (default: half the slots, at least one). */
  perTenant?: number;
  pollMs?: number;
  /** A RUNNING process whose heartbeat is older than this is taken over. */
  staleMs?: number;
  heartbeatMs?: number;
  hooks?: WorkerHooks;
  /** What runs each action (default: every action's real handler; tests swap some). */
  handlers?: Record<ProcessAction, ProcessHandler>;
}

export interface Worker {
  id: string;
  stop(): Promise<void>;
  nudge(): void;
  /** Resolves when no process is running in this worker. */
  idle(): Promise<void>;
}

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(result)) return result as Array<Record<string, unknown>>;
  return ((result as { rows?: Array<Record<string, unknown>> }).rows ?? []) as Array<Record<string, unknown>>;
}

/**
 * Claims the next runnable process with FOR UPDATE SKIP LOCKED: PENDING, or RUNNING with a stale
 * heartbeat (its worker died), and only when no earlier unfinished process of the same project
 * exists, so one project's processes run one at a time, in order. Slots are shared fairly between
 * tenants (the user who created the project): the tenant with the fewest running processes goes
 * first, and while another tenant has work waiting no tenant holds more than `perTenant` at once,
 * so one tenant's long processes cannot starve the others (alone, a tenant may use every slot).
 */
export async function claimNext(db: Db, workerId: string, staleMs: number, perTenant = Number.MAX_SAFE_INTEGER): Promise<ProcessRow | undefined> {
  return db.transaction(async (tx) => {
    const found = rowsOf(
      await tx.execute(sql`
        with busy as (
          select coalesce(pr.created_by::text, r.project_id::text, '') as tenant, count(*) as n
          from processes r left join projects pr on pr.id = r.project_id
          where r.status in ('RUNNING', 'CANCELING') and r.heartbeat_at >= now() - make_interval(secs => ${staleMs / 1000})
          group by 1)
        select p.id from processes p
        left join projects pp on pp.id = p.project_id
        left join busy b on b.tenant = coalesce(pp.created_by::text, p.project_id::text, '')
        where (p.status = 'PENDING'
               or (p.status in ('RUNNING', 'CANCELING') and p.heartbeat_at < now() - make_interval(secs => ${staleMs / 1000})
                   -- never its own: this worker still runs it (its heartbeat only lagged); another worker may take it over
                   and p.worker_id is distinct from ${workerId}))
          and not exists (
            select 1 from processes q
            where q.project_id = p.project_id and q.sequence < p.sequence
              and q.status in ('PENDING', 'RUNNING', 'CANCELING'))
          and (coalesce(b.n, 0) < ${perTenant}
               or not exists (
                 select 1 from processes o left join projects op on op.id = o.project_id
                 where o.status = 'PENDING'
                   and coalesce(op.created_by::text, o.project_id::text, '') <> coalesce(pp.created_by::text, p.project_id::text, '')))
        order by coalesce(b.n, 0), p.sequence
        limit 1
        for update of p skip locked`),
    );
    const id = found[0]?.id;
    if (typeof id !== 'string') return undefined;
    const [row] = await tx
      .update(processes)
      .set({
        // A takeover keeps CANCELING (the cancel request still stands).
        status: sql`case when ${processes.status} = 'CANCELING' then 'CANCELING'::process_status else 'RUNNING'::process_status end`,
        workerId,
        heartbeatAt: new Date(),
        startedAt: sql`coalesce(${processes.startedAt}, now())`,
        attempts: sql`${processes.attempts} + 1`,
      })
      .where(eq(processes.id, id))
      .returning();
    return row;
  });
}

/** Drizzle wraps driver errors ("Failed query: …"); the cause says what went wrong. */
function rootMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? err.cause.message : err.message;
}

/** Only the worker that holds the process may end it (one that lost it to a takeover must not). */
const mine = (id: string, workerId: string) => and(eq(processes.id, id), eq(processes.workerId, workerId));

async function finish(db: Db, workerId: string, id: string, status: 'FINISHED' | 'FAILED' | 'CANCELED', error?: string) {
  await db
    .update(processes)
    .set({ status, error: error ?? null, finishedAt: new Date(), heartbeatAt: new Date() })
    .where(mine(id, workerId));
}

export function startWorker(opts: WorkerOptions): Worker {
  const id = opts.workerId ?? `w-${crypto.randomBytes(4).toString('hex')}`;
  const { db, engine } = opts;
  const concurrency = opts.concurrency ?? 4;
  const perTenant = opts.perTenant ?? Math.max(1, Math.ceil(concurrency / 2));
  const staleMs = opts.staleMs ?? 30_000;
  const heartbeatMs = opts.heartbeatMs ?? Math.min(5_000, staleMs / 3);
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  let wake: (() => void) | undefined;
  // enqueueProcess runs inside the caller's transaction, so its nudge can come before the commit:
  // after a nudge, look again a few times in quick succession before the normal poll.
  const quickLooks = [10, 30, 100, 300];
  let quick: number[] = [];
  const nudge = () => {
    quick = [...quickLooks];
    wake?.();
  };
  const unsubscribe = onEnqueue(nudge);

  async function runOne(p: ProcessRow) {
    const ctx = createContext(db, engine, p, opts.hooks);
    const beat = setInterval(() => {
      db.update(processes).set({ heartbeatAt: new Date() }).where(mine(p.id, id)).catch(() => {});
    }, heartbeatMs);
    try {
      const handler = (opts.handlers ?? processHandlers)[p.action as ProcessAction];
      if (!handler) throw new Error(`No handler for ${p.action}`);
      await ctx.log(p.attempts > 1 ? `resumed (attempt ${p.attempts})` : 'started', { step: 'process' });
      await ctx.checkpoint('begin');
      await handler(ctx);
      await ctx.checkpoint('end', { cancelable: false }); // the work is done: a late cancel changes nothing
      await ctx.log('finished', { step: 'process' });
      await finish(db, id, p.id, 'FINISHED');
    } catch (err) {
      if (err instanceof SimulatedCrash) {
        // Emulates a dead worker: no status change, heartbeat stops; another worker resumes it.
        log.warn('simulated crash', { process: p.id });
        return;
      }
      if (err instanceof ProcessTakenOver) {
        // It stalled and another worker owns the process now: stop here, leave the row to the owner.
        log.warn('process taken over by another worker; stopping', { process: p.id, error: err.message });
        return;
      }
      if (err instanceof ProcessCanceled) {
        await ctx.log('canceled at a step boundary; reconcile reconciles what was done', { step: 'process', level: 'warn' });
        await finish(db, id, p.id, 'CANCELED');
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      log.error('process failed', { process: p.id, action: p.action, error: message });
      await ctx.log(`failed: ${message}`, { step: 'process', level: 'error' }).catch(() => {});
      await finish(db, id, p.id, 'FAILED', message);
    } finally {
      clearInterval(beat);
    }
  }

  let failures = 0;
  async function loop() {
    while (!stopped) {
      try {
        while (running.size < concurrency) {
          const p = await claimNext(db, id, staleMs, perTenant);
          if (!p) break;
          // When it ends, look at once: the next process of that project may be waiting for it.
          const task = runOne(p).finally(() => {
            running.delete(p.id);
            wake?.();
          });
          running.set(p.id, task);
        }
        failures = 0;
      } catch (err) {
        // Database unreachable: back off (up to 10 s) and say so once per outage, not every poll.
        if (failures++ === 0) log.warn('cannot claim processes; retrying with backoff', { error: rootMessage(err) });
      }
      const poll = Math.min((opts.pollMs ?? 500) * 2 ** Math.min(failures, 6), failures ? 10_000 : Infinity);
      const pause = Math.min(quick.shift() ?? poll, poll);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, pause);
      });
      wake = undefined;
    }
  }
  const loopDone = loop();

  return {
    id,
    nudge,
    async idle() {
      while (running.size) await Promise.allSettled([...running.values()]);
    },
    async stop() {
      stopped = true;
      unsubscribe();
      wake?.();
      await loopDone;
      await Promise.allSettled([...running.values()]);
    },
  };
}
