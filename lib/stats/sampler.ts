import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { projects, statsSamples } from '@/lib/db/schema';
import { logger } from '@/lib/log';
import { L } from '@/lib/provisioner/labels';
import type { Runtime } from '@/lib/provisioner/runtime';

const log = logger('stats');
const RAW_KEEP_MS = 60 * 60_000;
const MINUTE_KEEP_MS = 7 * 24 * 60 * 60_000;

/** Samples every running managed container of this database's projects once. */
export async function sampleOnce(db: Db, runtime: Runtime, now = new Date()): Promise<number> {
  const known = new Set((await db.select({ id: projects.id }).from(projects)).map((p) => p.id));
  const list = (await runtime.listContainers({ [L.managed]: 'true' })).filter((c) => c.state === 'running' && known.has(c.labels[L.project] ?? ''));
  const rows = [];
  for (const c of list) {
    const s = await runtime.stats(c.id).catch(() => undefined);
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
  if (rows.length) await db.insert(statsSamples).values(rows);
  return rows.length;
}

/** Raw samples older than an hour become 1-minute averages; those are kept for 7 days. */
export async function downsample(db: Db, now = new Date()): Promise<void> {
  const cutoff = new Date(now.getTime() - RAW_KEEP_MS);
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into stats_samples (project_id, service_id, container_name, resolution, at, cpu_percent, memory_bytes, memory_limit_bytes,
                                 net_rx_bytes, net_tx_bytes, block_read_bytes, block_write_bytes)
      select project_id, service_id, container_name, '1m', date_trunc('minute', at), avg(cpu_percent), avg(memory_bytes)::bigint,
             max(memory_limit_bytes), max(net_rx_bytes), max(net_tx_bytes), max(block_read_bytes), max(block_write_bytes)
      from stats_samples where resolution = 'raw' and at < ${cutoff}
      group by project_id, service_id, container_name, date_trunc('minute', at)`);
    await tx.delete(statsSamples).where(and(eq(statsSamples.resolution, 'raw'), lt(statsSamples.at, cutoff)));
  });
  await db.delete(statsSamples).where(lt(statsSamples.at, new Date(now.getTime() - MINUTE_KEEP_MS)));
}

export function startSampler(db: Db, runtime: Runtime, intervalMs: number): { stop(): void } {
  let lastDownsample = 0;
  const tick = async () => {
    try {
      await sampleOnce(db, runtime);
      if (Date.now() - lastDownsample > 60_000) {
        lastDownsample = Date.now();
        await downsample(db);
      }
    } catch (err) {
      log.warn('sampling failed', { error: err instanceof Error ? err.message : String(err) });
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  void tick();
  return { stop: () => clearInterval(timer) };
}

/** Samples of a service's containers since `sinceMs` ago (raw where kept, 1-minute rows before). */
export async function queryServiceStats(db: Db, serviceId: string, sinceMs = 60 * 60_000) {
  return db
    .select()
    .from(statsSamples)
    .where(and(eq(statsSamples.serviceId, serviceId), gte(statsSamples.at, new Date(Date.now() - sinceMs))))
    .orderBy(statsSamples.at);
}
