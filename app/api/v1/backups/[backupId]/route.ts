import { apiRoute } from '@/lib/api/handler';
import { deleteKeptBackup } from '@/lib/backups/keep';

type P = { backupId: string };

export const DELETE = apiRoute<P>(
  async ({ db, user, params }) => deleteKeptBackup(db, user.id, params.backupId),
  { status: 204 },
);
