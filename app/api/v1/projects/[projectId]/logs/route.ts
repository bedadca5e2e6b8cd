import { apiRoute } from '@/lib/api/handler';
import { logQuerySchema, queryObject } from '@/lib/validations/logs';
import { parseInput } from '@/lib/validations/parse';
import { readLogs } from '@/lib/domain/logs';

type P = { projectId: string };


/** GET: the project's collected logs (per service or container, by time and text). */
export const GET = apiRoute<P>(async ({ db, user, params, query }) => {
  const q = parseInput(logQuerySchema, queryObject(query));
  const lines = await readLogs(db, user.id, params.projectId, {
    serviceId: q.service,
    container: q.container,
    q: q.q,
    since: q.since ? new Date(q.since) : undefined,
    until: q.until ? new Date(q.until) : undefined,
    limit: q.limit,
  });
  return { lines };
});
