import { apiRoute } from '@/lib/api/handler';
import { requestRestore } from '@/lib/backups/domain';
import { restoreSchema } from '@/lib/validations/backups';

type P = { projectId: string; serviceId: string };

export const POST = apiRoute<P>(async ({ db, user, params, body }) => requestRestore(db, user.id, params.projectId, params.serviceId, await body(restoreSchema)), { status: 202 });
