import { apiRoute } from '@/lib/api/handler';
import { updateObjectStorage } from '@/lib/domain/services';
import { objectStorageChangeSchema } from '@/lib/validations/services';

type P = { projectId: string; serviceId: string };

export const PUT = apiRoute<P>(
  async ({ db, user, params, body }) => updateObjectStorage(db, user.id, params.projectId, params.serviceId, await body(objectStorageChangeSchema)),
  { status: 202 },
);
