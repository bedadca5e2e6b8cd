import 'server-only';
import { and, asc, desc, eq, gt, gte, ilike, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { logLines } from '@/lib/db/schema';

export interface LogFilter {
  serviceId?: string;
  container?: string;
  q?: string;
  since?: Date;
}

export interface StreamedLogLine {
  id: number;
  at: string;
  container: string;
  stream: string;
  line: string;
}

function where(projectId: string, f: LogFilter, afterId?: number): SQL | undefined {
  const w: SQL[] = [eq(logLines.projectId, projectId)];
  if (f.serviceId) w.push(eq(logLines.serviceId, f.serviceId));
  if (f.container) w.push(eq(logLines.containerName, f.container));
  if (f.q) w.push(ilike(logLines.message, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (f.since) w.push(gte(logLines.at, f.since));
  if (afterId !== undefined) w.push(gt(logLines.id, afterId));
  return and(...w);
}

const toLine = (r: typeof logLines.$inferSelect): StreamedLogLine => ({ id: r.id, at: r.at.toISOString(), container: r.containerName, stream: r.stream, line: r.message });

/**
 * Lines of one project for the live logs viewer, in arrival order: the newest `limit` (first
 * read), or those after `afterId` (follow). The caller has checked the user's access to the
 * project; the project id scopes the WHERE.
 */
export async function listLogLinesForStream(db: Db, projectId: string, f: LogFilter, afterId?: number, limit = 500): Promise<StreamedLogLine[]> {
  const query = db.select().from(logLines).where(where(projectId, f, afterId));
  // Following: the next lines in order (a burst continues on the next read); first read: the newest.
  if (afterId !== undefined) return (await query.orderBy(asc(logLines.id)).limit(limit)).map(toLine);
  return (await query.orderBy(desc(logLines.id)).limit(limit)).reverse().map(toLine);
}
