import 'server-only';
import { gte, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { statsSamples } from '@/lib/db/schema';
import { env } from '@/lib/env';

type Sparklines = Record<string, number[]>;

/**
 * The sparklines change only when the sampler writes (every BERTH_STATS_INTERVAL_MS), while the
 * projects page and its live stream read them on every render: one aggregation over every
 * project's samples serves all readers until the next sample is due.
 */
const cache = new WeakMap<Db, Map<number, { at: number; data: Promise<Sparklines> }>>();

async function aggregate(db: Db, minutes: number): Promise<Sparklines> {
  const minute = sql<string>`date_trunc('minute', ${statsSamples.at})`;
  const rows = await db
    .select({ projectId: statsSamples.projectId, minute, cpu: sql<number>`sum(${statsSamples.cpuPercent}) / greatest(count(distinct ${statsSamples.at}), 1)` })
    .from(statsSamples)
    .where(gte(statsSamples.at, new Date(Date.now() - minutes * 60_000)))
    .groupBy(statsSamples.projectId, minute)
    .orderBy(minute);
  const out: Sparklines = {};
  for (const r of rows) (out[r.projectId] ??= []).push(Number(r.cpu));
  return out;
}

/** Per project: total CPU % of its containers per minute over the last `minutes` (for the card sparkline). */
export async function listCpuSparklines(db: Db, projectIds: string[], minutes = 30): Promise<Sparklines> {
  if (!projectIds.length) return {};
  const byMinutes = cache.get(db) ?? new Map<number, { at: number; data: Promise<Sparklines> }>();
  cache.set(db, byMinutes);
  let entry = byMinutes.get(minutes);
  if (!entry || Date.now() - entry.at >= env.BERTH_STATS_INTERVAL_MS) {
    entry = { at: Date.now(), data: aggregate(db, minutes) };
    byMinutes.set(minutes, entry);
    entry.data.catch(() => byMinutes.delete(minutes));
  }
  const all = await entry.data;
  return Object.fromEntries(projectIds.flatMap((id) => (all[id] ? [[id, all[id]] as const] : [])));
}
