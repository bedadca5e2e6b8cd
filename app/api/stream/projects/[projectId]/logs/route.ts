import { apiRoute } from '@/lib/api/handler';
import { sseStream } from '@/lib/api/sse';
import { requireStillActive } from '@/lib/auth/credentials';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { listLogLinesForStream, type LogFilter } from '@/lib/db/queries/log-stream';
import { logQuerySchema, queryObject } from '@/lib/validations/logs';
import { parseInput } from '@/lib/validations/parse';

export const dynamic = 'force-dynamic';

/**
 * Live logs of a project (or one service or container), filtered by text and start time: a
 * `reset` event with the newest 500 matching lines, then `append` events with new ones as the
 * collector stores them. Session and project membership are checked before the stream opens and
 * again on every tenth read, so a removed member's stream ends.
 */
export const GET = apiRoute<{ projectId: string }>(async ({ req, db, user, params, query }) => {
  const { projectId } = params;
  const q = parseInput(logQuerySchema, queryObject(query));
  const filter: LogFilter = { serviceId: q.service, container: q.container, q: q.q, since: q.since ? new Date(q.since) : undefined };
  let lastId: number | undefined;
  let ticks = 0;
  const opened = Date.now();
  return sseStream(req, async (send) => {
    await requireStillActive(db, user.id, opened); // a disabled or signed-out user's stream ends
    if (ticks++ % 10 === 0) await requireProjectAccess(db, user.id, projectId, 'read');
    const lines = await listLogLinesForStream(db, projectId, filter, lastId, lastId === undefined ? 500 : 1000);
    if (lastId === undefined) send(lines, 'reset');
    else if (lines.length) send(lines, 'append');
    lastId = lines.at(-1)?.id ?? lastId ?? 0;
  });
});
