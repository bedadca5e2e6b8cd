import 'server-only';
import { and, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { statsSamples } from '@/lib/db/schema';

/** Per project: total CPU % of its containers per minute over the last `minutes` (for the card sparkline). */
export async function listCpuSparklines(db: Db, projectIds: string[], minutes = 30): Promise<Record<string, number[]>> {
  if (!projectIds.length) return {};
  const minute = sql<string>`date_trunc('minute', ${statsSamples.at})`;
  const rows = await db
    .select({ projectId: statsSamples.projectId, minute, cpu: sql<number>`sum(${statsSamples.cpuPercent}) / greatest(count(distinct ${statsSamples.at}), 1)` })
    .from(statsSamples)
    .where(and(inArray(statsSamples.projectId, projectIds), gte(statsSamples.at, new Date(Date.now() - minutes * 60_000))))
    .groupBy(statsSamples.projectId, minute)
    .orderBy(minute);
  const out: Record<string, number[]> = {};
  for (const r of rows) (out[r.projectId] ??= []).push(Number(r.cpu));
  return out;
}
