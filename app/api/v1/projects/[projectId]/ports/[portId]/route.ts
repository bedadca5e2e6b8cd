import { apiRoute } from '@/lib/api/handler';
import { removePublicPort } from '@/lib/domain/public-ports';

type P = { projectId: string; portId: string };

export const DELETE = apiRoute<P>(async ({ db, user, params }) => removePublicPort(db, user.id, params.projectId, params.portId), { status: 202 });
