import { apiRoute } from '@/lib/api/handler';
import { addService, listServices } from '@/lib/domain/services';
import type { AddServiceInput } from '@/lib/validations/services';
import { addServiceSchema } from '@/lib/validations/services';

type P = { projectId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => ({ services: await listServices(db, user.id, params.projectId) }));

export const POST = apiRoute<P>(
  async ({ db, user, params, body }) => addService(db, user.id, params.projectId, (await body(addServiceSchema)) as AddServiceInput),
  { status: 202 },
);
