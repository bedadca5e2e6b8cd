import { apiRoute } from '@/lib/api/handler';
import { listProcesses } from '@/lib/services/processes';

type P = { projectId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => ({ processes: await listProcesses(db, user.id, params.projectId) }));
