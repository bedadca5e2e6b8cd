import { and, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { projects, services, statsSamples } from '@/lib/db/schema';
import { isForeignKeyViolation } from '@/lib/domain/errors';
import { logger } from '@/lib/log';
import { L } from '@/lib/provisioner/labels';
import type { Engine } from '@/lib/provisioner/engine';

const log = logger('stats');
/** Raw samples for an hour, then 1-minute rows for a day, then 1-hour rows for 30 days. */
export const STATS_RETENTION = { rawMs: 60 * 60_000, minuteMs: 24 * 60 * 60_000, hourMs: 30 * 24 * 60 * 60_000 };
/** Engine stats calls at once (each `stream: false` call waits for a second CPU reading). */
const CONCURRENCY = 8;

/** Samples every running managed container of this database's projects once. */
export async function sampleOnce(db: Db, engine: Engine, now = new Date()): Promise<number> {
  const known = new Set((await db.select({ id: projects.id }).from(projects)).map((p) => p.id));
  const list = (await engine.listContainers({ [L.managed]: 'true' })).filter((c) => c.state === 'running' && known.has(c.labels[L.project] ?? ''));
  const rows: (typeof statsSamples.$inferInsert)[] = [];
  const queue = [...list];
  const next = async (): Promise<void> => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const s = await engine.stats(c.id).catch(() => undefined);
      if (!s) continue;
      rows.push({
        projectId: c.labels[L.project]!,
        serviceId: c.labels[L.service] ?? null,
        containerName: c.name,
        at: now,
        cpuPercent: Number(s.cpuPercent.toFixed(2)),
        memoryBytes: Math.round(s.memoryBytes),
        memoryLimitBytes: Math.round(s.memoryLimitBytes),
        netRxBytes: s.netRxBytes,
        netTxBytes: s.netTxBytes,
        blockReadBytes: s.blockReadBytes,
        blockWriteBytes: s.blockWriteBytes,
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, next));
  if (rows.length) await insertSamples(db, rows);
  return rows.length;
}

/** Inserts the samples; those of a project or service deleted while it was sampled are dropped. */
export async function insertSamples(db: Db, rows: (typeof statsSamples.$inferInsert)[]): Promise<void> {
  try {
    await db.insert(statsSamples).values(rows);
  } catch (err) {
    if (!isForeignKeyViolation(err)) throw err;
    const liveProjects = new Set((await db.select({ id: projects.id }).from(projects)).map((p) => p.id));
    const liveServices = new Set((await db.select({ id: services.id }).from(services)).map((s) => s.id));
    const kept = rows.filter((r) => liveProjects.has(r.projectId) && (!r.serviceId || liveServices.has(r.serviceId)));
    if (kept.length) await db.insert(statsSamples).values(kept);
  }
}

const floorTo = (t: number, unitMs: number) => new Date(Math.floor(t / unitMs) * unitMs);

/**
 * Rolls `from` rows older than `cutoff` up into one `to` row per container and `unit`: averages
 * for CPU and memory, the last (largest) value for the cumulative network and disk counters.
 * The cutoff is aligned to the unit, so a bucket is rolled up once, from all its rows.
 */
async function rollUp(db: Db, from: string, to: string, unit: 'minute' | 'hour', cutoff: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into stats_samples (project_id, service_id, container_name, resolution, at, cpu_percent, memory_bytes, memory_limit_bytes,
                                 net_rx_bytes, net_tx_bytes, block_read_bytes, block_write_bytes)
      select project_id, service_id, container_name, ${to}, date_trunc(${sql.raw(`'${unit}'`)}, at), avg(cpu_percent), avg(memory_bytes)::bigint,
             max(memory_limit_bytes), max(net_rx_bytes), max(net_tx_bytes), max(block_read_bytes), max(block_write_bytes)
      from stats_samples where resolution = ${from} and at < ${cutoff.toISOString()}::timestamptz
      group by project_id, service_id, container_name, date_trunc(${sql.raw(`'${unit}'`)}, at)`);
    await tx.delete(statsSamples).where(and(eq(statsSamples.resolution, from), lt(statsSamples.at, cutoff)));
  });
}

/** Raw → 1m after an hour, 1m → 1h after a day, 1h rows dropped after 30 days. */
export async function downsample(db: Db, now = new Date()): Promise<void> {
  const t = now.getTime();
  await rollUp(db, 'raw', '1m', 'minute', floorTo(t - STATS_RETENTION.rawMs, 60_000));
  await rollUp(db, '1m', '1h', 'hour', floorTo(t - STATS_RETENTION.minuteMs, 3_600_000));
  await db.delete(statsSamples).where(lt(statsSamples.at, new Date(t - STATS_RETENTION.hourMs)));
}

export function startSampler(db: Db, engine: Engine, intervalMs: number): { stop(): void } {
  let lastDownsample = 0;
  let busy = false;
  const tick = async () => {
    if (busy) return; // a slow engine never piles ticks up
    busy = true;
    try {
      await sampleOnce(db, engine);
      if (Date.now() - lastDownsample > 60_000) {
        lastDownsample = Date.now();
        await downsample(db);
      }
    } catch (err) {
      log.warn('sampling failed', { error: err instanceof Error ? err.message : String(err) });
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  void tick();
  return { stop: () => clearInterval(timer) };
}

export interface StatsQuery {
  projectId: string;
  serviceId?: string;
  container?: string;
  /** Window end (default now) and length (default one hour). */
  until?: Date;
  sinceMs?: number;
  /** Only rows of this resolution; by default every resolution the window holds (they never overlap in time). */
  resolution?: 'raw' | '1m' | '1h';
}

/** Samples of a project, a service or one container, oldest first. */
export async function queryStats(db: Db, q: StatsQuery) {
  const until = q.until ?? new Date();
  const where = [eq(statsSamples.projectId, q.projectId), gte(statsSamples.at, new Date(until.getTime() - (q.sinceMs ?? 3_600_000))), lte(statsSamples.at, until)];
  if (q.serviceId) where.push(eq(statsSamples.serviceId, q.serviceId));
  if (q.container) where.push(eq(statsSamples.containerName, q.container));
  if (q.resolution) where.push(eq(statsSamples.resolution, q.resolution));
  return db.select().from(statsSamples).where(and(...where)).orderBy(statsSamples.at, statsSamples.containerName);
}

/** Samples of a service's containers since `sinceMs` ago (raw where kept, 1-minute and 1-hour rows before). */
export async function queryServiceStats(db: Db, serviceId: string, sinceMs = 60 * 60_000) {
  return db
    .select()
    .from(statsSamples)
    .where(and(eq(statsSamples.serviceId, serviceId), gte(statsSamples.at, new Date(Date.now() - sinceMs))))
    .orderBy(statsSamples.at);
}
