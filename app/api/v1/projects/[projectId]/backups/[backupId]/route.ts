import { apiRoute } from '@/lib/api/handler';
import { deleteBackup } from '@/lib/backups/domain';

type P = { projectId: string; backupId: string };

export const DELETE = apiRoute<P>(async ({ db, user, params }) => deleteBackup(db, user.id, params.projectId, params.backupId), { status: 204 });
