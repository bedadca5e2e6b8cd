import { apiRoute } from '@/lib/api/handler';
import { parseKeepBackups } from '@/lib/backups/keep';
import { deleteService, getService } from '@/lib/domain/services';

type P = { projectId: string; serviceId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => {
  const { service, containers } = await getService(db, user.id, params.projectId, params.serviceId);
  return { service, containers };
});

export const DELETE = apiRoute<P>(
  async ({ db, user, params, query }) => deleteService(db, user.id, params.projectId, params.serviceId, { keepBackups: parseKeepBackups(query.get('keepBackups')) }),
  { status: 202 },
);
