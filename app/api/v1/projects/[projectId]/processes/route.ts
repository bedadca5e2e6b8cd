import { apiRoute } from '@/lib/api/handler';
import { listProcesses } from '@/lib/domain/processes';

type P = { projectId: string };

/** ?limit=N (1–500, default 50), newest first. */
export const GET = apiRoute<P>(async ({ db, user, params, query }) => ({
  processes: await listProcesses(db, user.id, params.projectId, { limit: Number(query.get('limit') ?? 50) }),
}));
