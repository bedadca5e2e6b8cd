import { apiRoute } from '@/lib/api/handler';
import { deleteService, getService } from '@/lib/domain/services';

type P = { projectId: string; serviceId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => {
  const { service, containers } = await getService(db, user.id, params.projectId, params.serviceId);
  return { service, containers };
});

export const DELETE = apiRoute<P>(async ({ db, user, params }) => deleteService(db, user.id, params.projectId, params.serviceId), { status: 202 });
