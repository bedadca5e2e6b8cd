import { and, desc, eq, gte, ilike, lte, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { logLines } from '@/lib/db/schema';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { readArchive } from '@/lib/core/logger';
import type { Engine } from '@/lib/provisioner/engine';
import { invalid } from '@/lib/errors';
import { isUuid } from '@/lib/validations/ids';

export interface LogLine {
  at: string;
  container: string;
  stream: string;
  line: string;
}

export interface LogQuery {
  serviceId?: string;
  container?: string;
  q?: string;
  since?: Date;
  until?: Date;
  limit?: number;
}

/**
 * The project's collected logs (they outlive their containers), per project, service or container,
 * filtered by time and text; oldest first, the newest `limit` lines.
 */
export async function readLogs(db: Db, userId: string, projectId: string, query: LogQuery = {}): Promise<LogLine[]> {
  await requireProjectAccess(db, userId, projectId, 'read');
  if (query.serviceId !== undefined && !isUuid(query.serviceId)) throw invalid('service', 'must be a service id');
  if ((query.q?.length ?? 0) > 200) throw invalid('q', 'at most 200 characters');
  if ((query.container?.length ?? 0) > 200) throw invalid('container', 'at most 200 characters');
  const where: SQL[] = [eq(logLines.projectId, projectId)];
  if (query.serviceId) where.push(eq(logLines.serviceId, query.serviceId));
  if (query.container) where.push(eq(logLines.containerName, query.container));
  if (query.q) where.push(ilike(logLines.message, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (query.since) where.push(gte(logLines.at, query.since));
  if (query.until) where.push(lte(logLines.at, query.until));
  const rows = await db
    .select()
    .from(logLines)
    .where(and(...where))
    .orderBy(desc(logLines.at), desc(logLines.id))
    .limit(Math.min(query.limit ?? 500, 5000));
  return rows
    .reverse()
    .map((r) => ({ at: r.at.toISOString(), container: r.containerName, stream: r.stream, line: r.message }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * The last `lines` lines of the project logger's archive (the core's rsyslog files, which outlive
 * the database's bounded retention): `<time> <service> <container> <message>` per line.
 */
export async function readLogArchive(db: Db, engine: Engine, userId: string, projectId: string, lines = 1000): Promise<string[]> {
  const { project } = await requireProjectAccess(db, userId, projectId, 'read');
  return readArchive(engine, project, lines);
}
