import { apiRoute } from '@/lib/api/handler';
import { cancelProcess } from '@/lib/domain/processes';

type P = { projectId: string; processId: string };

export const POST = apiRoute<P>(async ({ db, user, params }) => ({ process: await cancelProcess(db, user.id, params.projectId, params.processId) }));
