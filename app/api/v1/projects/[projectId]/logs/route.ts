import { z } from 'zod';
import { apiRoute } from '@/lib/api/handler';
import { parseInput } from '@/lib/validations/parse';
import { readLogs } from '@/lib/services/logs';

type P = { projectId: string };

const querySchema = z.object({
  service: z.string().uuid('service must be a service id').optional(),
  container: z.string().max(200).optional(),
  q: z.string().max(500, 'q is at most 500 characters').optional(),
  since: z.iso.datetime({ offset: true, message: 'since must be an ISO 8601 time' }).optional(),
  until: z.iso.datetime({ offset: true, message: 'until must be an ISO 8601 time' }).optional(),
  limit: z.coerce.number().int().min(1, 'limit is 1 to 5000').max(5000, 'limit is 1 to 5000').optional(),
});

/** GET: the project's collected logs (per service or container, by time and text). */
export const GET = apiRoute<P>(async ({ db, user, params, query }) => {
  const q = parseInput(querySchema, Object.fromEntries(query));
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
