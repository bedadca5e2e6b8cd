import { apiRoute } from '@/lib/api/handler';
import { listBackups, requestBackup } from '@/lib/backups/domain';

type P = { projectId: string; serviceId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => ({ backups: await listBackups(db, user.id, params.projectId, params.serviceId) }));

export const POST = apiRoute<P>(async ({ db, user, params }) => requestBackup(db, user.id, params.projectId, params.serviceId), { status: 202 });
