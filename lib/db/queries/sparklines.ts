import 'server-only';
import { and, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { statsSamples } from '@/lib/db/schema';
import { env } from '@/lib/env';

type Sparklines = Record<string, number[]>;

/**
 * The sparklines change only when the sampler writes (every BERTH_STATS_INTERVAL_MS), while the
 * projects page and its live stream read them on every render: one aggregation per set of
 * projects (a page of cards) serves all readers of that set until the next sample is due.
 */
const cache = new WeakMap<Db, Map<string, { at: number; data: Promise<Sparklines> }>>();
const MAX_ENTRIES = 200;

async function aggregate(db: Db, projectIds: string[], minutes: number): Promise<Sparklines> {
  const minute = sql<string>`date_trunc('minute', ${statsSamples.at})`;
  const rows = await db
    .select({ projectId: statsSamples.projectId, minute, cpu: sql<number>`sum(${statsSamples.cpuPercent}) / greatest(count(distinct ${statsSamples.at}), 1)` })
    .from(statsSamples)
    .where(and(inArray(statsSamples.projectId, projectIds), gte(statsSamples.at, new Date(Date.now() - minutes * 60_000))))
    .groupBy(statsSamples.projectId, minute)
    .orderBy(minute);
  const out: Sparklines = {};
  for (const r of rows) (out[r.projectId] ??= []).push(Number(r.cpu));
  return out;
}

/** Per project: total CPU % of its containers per minute over the last `minutes` (for the card sparkline). */
export async function listCpuSparklines(db: Db, projectIds: string[], minutes = 30): Promise<Sparklines> {
  if (!projectIds.length) return {};
  const entries = cache.get(db) ?? new Map<string, { at: number; data: Promise<Sparklines> }>();
  cache.set(db, entries);
  const key = `${minutes}:${[...projectIds].sort().join(',')}`;
  let entry = entries.get(key);
  if (!entry || Date.now() - entry.at >= env.BERTH_STATS_INTERVAL_MS) {
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entry = { at: Date.now(), data: aggregate(db, projectIds, minutes) };
    entries.set(key, entry);
    entry.data.catch(() => entries.delete(key));
  }
  return entry.data;
}
