import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { containers } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import type { Runtime } from '@/lib/provisioner/runtime';

export interface LogLine {
  at: string;
  container: string;
  stream: 'stdout' | 'stderr';
  line: string;
}

/** A service container's output, filtered by time and text (read access required). */
export async function readContainerLogs(
  db: Db,
  runtime: Runtime,
  userId: string,
  projectId: string,
  opts: { container: string; q?: string; sinceSec?: number; tail?: number },
): Promise<LogLine[]> {
  await requireProjectAccess(db, userId, projectId, 'read');
  const [row] = await db.select().from(containers).where(and(eq(containers.projectId, projectId), eq(containers.name, opts.container)));
  if (!row) throw notFound('Container');
  const lines = await runtime.logs(row.name, { sinceSec: opts.sinceSec, tail: opts.tail ?? 500 });
  const q = opts.q?.toLowerCase();
  return lines.filter((l) => !q || l.line.toLowerCase().includes(q)).map((l) => ({ ...l, container: row.name }));
}
