import { deleteEnv, listEnv, setEnv } from '@/lib/domain/env';
import { apiRoute } from './handler';
import { envEntrySchema } from '@/lib/validations/projects';

type P = { projectId: string; serviceId?: string; key?: string };

/** Env routes shared by the project level and the service level (serviceId absent = project). */
export const envRoutes = {
  GET: apiRoute<P>(async ({ db, user, params, query }) => ({
    variables: await listEnv(db, user.id, params.projectId, params.serviceId ?? null, { reveal: query.get('reveal') === '1' }),
  })),
  PUT: apiRoute<P>(async ({ db, user, params, body }) => {
    const b = await body(envEntrySchema);
    return setEnv(db, user.id, params.projectId, params.serviceId ?? null, { key: b.key, value: b.value, secret: b.secret ?? false });
  }),
  DELETE: apiRoute<P>(async ({ db, user, params }) => deleteEnv(db, user.id, params.projectId, params.serviceId ?? null, params.key ?? '')),
};
