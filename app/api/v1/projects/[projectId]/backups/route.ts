import { apiRoute } from '@/lib/api/handler';
import { projectBackups } from '@/lib/backups/domain';

type P = { projectId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => projectBackups(db, user.id, params.projectId));
