import { apiRoute } from '@/lib/api/handler';
import { listContainers } from '@/lib/domain/containers';

type P = { projectId: string };

export const GET = apiRoute<P>(async ({ db, user, params, query }) => ({
  containers: await listContainers(db, user.id, params.projectId, { serviceId: query.get('serviceId') ?? undefined }),
}));
