import { apiRoute } from '@/lib/api/handler';
import { deployKeyInfo, forgetHostKey } from '@/lib/domain/deploy-keys';

type P = { projectId: string; serviceId: string };

/** GET: the Git hosts whose ssh keys the service trusts. DELETE ?host=…: forget one (the next fetch pins the key it sees). */
export const GET = apiRoute<P>(async ({ db, user, params }) => ({ pinnedHosts: (await deployKeyInfo(db, user.id, params.projectId, params.serviceId)).pinnedHosts }));
export const DELETE = apiRoute<P>(async ({ db, user, params, query }) =>
  forgetHostKey(db, user.id, params.projectId, params.serviceId, { host: query.get('host') ?? '' }),
);
