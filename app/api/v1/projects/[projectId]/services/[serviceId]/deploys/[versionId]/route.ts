import { apiRoute } from '@/lib/api/handler';
import { getVersionWithLog } from '@/lib/domain/deploys';

type P = { projectId: string; serviceId: string; versionId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => getVersionWithLog(db, user.id, params.projectId, params.serviceId, params.versionId));
