import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { logLines, projects } from '@/lib/db/schema';
import { logger } from '@/lib/log';
import { L } from '@/lib/provisioner/labels';
import type { Engine } from '@/lib/provisioner/engine';
import { enforceRecordRetention } from '@/lib/domain/retention';
import { shipOnce } from './ship';
import { formatSyslog, sendSyslog } from './syslog';

const log = logger('logs');
export const MAX_LINES_PER_PROJECT = 100_000;

/** The last line's timestamp per container, normalised so that strings sort by time. */
type Cursor = Map<string, string>;

/** Docker trims trailing zeros of the nanoseconds (RFC 3339 Nano): pad them so strings compare in order. */
export function sortableTimestamp(ts: string): string {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-].*)$/.exec(ts);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}${m[3]}` : ts;
}

/**
 * A cursor from a stored line's time (millisecond precision): every line within that millisecond
 * counts as stored, so a restart never duplicates one.
 */
export function storedCursor(at: Date): string {
  return at.toISOString().replace(/\.(\d{3})Z$/, '.$1999999Z');
}

/** Copies new output of every running service container of this database's projects. */
export async function collectOnce(db: Db, engine: Engine, cursor: Cursor): Promise<number> {
  const rows = await db.select({ id: projects.id, settings: projects.settings }).from(projects);
  const known = new Set(rows.map((p) => p.id));
  // Only targets checked when they were set (they carry the resolved address) are used.
  const forwards = new Map(rows.flatMap((p) => (p.settings.logForward?.address ? [[p.id, p.settings.logForward] as const] : [])));
  const list = (await engine.listContainers({ [L.managed]: 'true', [L.kind]: 'service' })).filter(
    (c) => known.has(c.labels[L.project] ?? '') && (c.state === 'running' || cursor.has(c.name)),
  );
  let inserted = 0;
  for (const c of list) {
    if (!cursor.has(c.name)) {
      // First sight since start: continue after the newest line stored for it (a restart re-inserts nothing).
      const [row] = await db.select({ at: sql<Date | string | null>`max(${logLines.at})` }).from(logLines).where(eq(logLines.containerName, c.name));
      if (row?.at) cursor.set(c.name, storedCursor(new Date(row.at)));
    }
    const last = cursor.get(c.name);
    const sinceSec = last ? Math.floor(Date.parse(last) / 1000) : 0;
    const lines = (await engine.logs(c.id, { sinceSec, tail: last ? 10_000 : 2_000 }).catch(() => []))
      .map((l) => ({ ...l, at: sortableTimestamp(l.at) }))
      .filter((l) => !last || l.at > last);
    if (!lines.length) continue;
    await db.insert(logLines).values(
      lines.map((l) => ({
        projectId: c.labels[L.project]!,
        serviceId: c.labels[L.service] ?? null,
        containerName: c.name,
        at: new Date(l.at),
        stream: l.stream,
        message: l.line.slice(0, 8192),
      })),
    );
    cursor.set(c.name, lines.at(-1)!.at);
    const forward = forwards.get(c.labels[L.project]!);
    if (forward) {
      await sendSyslog(
        forward,
        lines.map((l) => formatSyslog({ at: l.at, container: c.name, stream: l.stream, message: l.line })),
      ).catch((err) => log.warn('log forwarding failed', { error: err instanceof Error ? err.message : String(err) }));
    }
    inserted += lines.length;
  }
  return inserted;
}

/** Keeps at most MAX_LINES_PER_PROJECT lines per project (oldest go first). */
export async function enforceRetention(db: Db, max = MAX_LINES_PER_PROJECT): Promise<void> {
  const over = await db
    .select({ projectId: logLines.projectId, n: sql<number>`count(*)::int` })
    .from(logLines)
    .groupBy(logLines.projectId)
    .having(sql`count(*) > ${max}`);
  for (const p of over) {
    const [cut] = await db
      .select({ id: logLines.id })
      .from(logLines)
      .where(eq(logLines.projectId, p.projectId))
      .orderBy(sql`${logLines.id} desc`)
      .offset(max)
      .limit(1);
    if (cut) await db.delete(logLines).where(and(eq(logLines.projectId, p.projectId), lt(logLines.id, cut.id + 1)));
  }
}

export function startLogCollector(db: Db, engine: Engine, intervalMs = 500): { stop(): void } {
  const cursor: Cursor = new Map();
  let busy = false;
  let ticks = 0;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    collectOnce(db, engine, cursor)
      .then(() => (++ticks % 120 === 0 ? Promise.all([enforceRetention(db), enforceRecordRetention(db)]) : undefined))
      .catch((err) => log.warn('log collection failed', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => (busy = false));
  }, intervalMs);
  // Delivery to each project's logger runs on its own beat, so a slow logger never delays collection.
  let shipping = false;
  const shipper = setInterval(() => {
    if (shipping) return;
    shipping = true;
    shipOnce(db)
      .catch((err) => log.warn('log delivery to the project loggers failed', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => (shipping = false));
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      clearInterval(shipper);
    },
  };
}
