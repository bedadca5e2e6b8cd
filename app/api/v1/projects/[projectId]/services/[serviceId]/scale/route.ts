import { apiRoute } from '@/lib/api/handler';
import { scaleService } from '@/lib/domain/services';
import { scaleSchema } from '@/lib/validations/services';

type P = { projectId: string; serviceId: string };

export const PUT = apiRoute<P>(
  async ({ db, user, params, body }) => scaleService(db, user.id, params.projectId, params.serviceId, (await body(scaleSchema)) as { containerCount: unknown }),
  { status: 202 },
);
