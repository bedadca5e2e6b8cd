import { apiRoute } from '@/lib/api/handler';
import { clearBackupTarget, getBackupTarget, setBackupTarget } from '@/lib/backups/target-settings';
import { backupTargetRequestSchema } from '@/lib/validations/backups';

type P = { projectId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) =>
  getBackupTarget(db, user.id, params.projectId),
);

export const PUT = apiRoute<P>(async ({ db, user, params, body }) =>
  setBackupTarget(db, user.id, params.projectId, await body(backupTargetRequestSchema)),
);

export const DELETE = apiRoute<P>(
  async ({ db, user, params }) => clearBackupTarget(db, user.id, params.projectId),
  { status: 204 },
);
