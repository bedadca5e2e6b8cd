import { errorResponse } from '@/lib/api/handler';
import { sseStream } from '@/lib/api/sse';
import { requireStillActive } from '@/lib/auth/credentials';
import { requireSessionUser } from '@/lib/auth/guards';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { getDb } from '@/lib/db';
import { listLogLinesForStream, type LogFilter } from '@/lib/db/queries/dashboard-logs';

export const dynamic = 'force-dynamic';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Live logs of a project (or one service or container), filtered by text and start time: a
 * `reset` event with the newest 500 matching lines, then `append` events with new ones as the
 * collector stores them. Session and project membership are checked before the stream opens and
 * again on every read, so a removed member's stream ends.
 */
export async function GET(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  try {
    const user = await requireSessionUser();
    const { projectId } = await params;
    const db = await getDb();
    await requireProjectAccess(db, user.id, projectId, 'read');
    const url = new URL(req.url);
    const service = url.searchParams.get('service') ?? '';
    const since = url.searchParams.get('since');
    const filter: LogFilter = {
      serviceId: uuid.test(service) ? service : undefined,
      container: url.searchParams.get('container')?.slice(0, 200) || undefined,
      q: url.searchParams.get('q')?.slice(0, 200) || undefined,
      since: since && !Number.isNaN(Date.parse(since)) ? new Date(since) : undefined,
    };
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
  } catch (err) {
    return errorResponse(err);
  }
}
