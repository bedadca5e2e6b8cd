import { apiRoute } from '@/lib/api/handler';
import { createDeployKey, deployKeyInfo } from '@/lib/domain/deploy-keys';

type P = { projectId: string; serviceId: string };

/** GET: the public line of the service's ssh deploy key (null when none). POST: a new key pair (the private half never leaves Berth). */
export const GET = apiRoute<P>(async ({ db, user, params }) => deployKeyInfo(db, user.id, params.projectId, params.serviceId));
export const POST = apiRoute<P>(async ({ db, user, params }) => createDeployKey(db, user.id, params.projectId, params.serviceId), { status: 201 });
