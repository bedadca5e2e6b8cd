import { apiRoute } from '@/lib/api/handler';
import { activateVersion } from '@/lib/domain/deploys';

type P = { projectId: string; serviceId: string; versionId: string };

export const POST = apiRoute<P>(async ({ db, user, params }) => activateVersion(db, user.id, params.projectId, params.serviceId, params.versionId), { status: 202 });
