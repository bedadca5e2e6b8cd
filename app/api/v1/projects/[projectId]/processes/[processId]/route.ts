import { apiRoute } from '@/lib/api/handler';
import { getProcess } from '@/lib/domain/processes';

type P = { projectId: string; processId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => getProcess(db, user.id, params.projectId, params.processId));
