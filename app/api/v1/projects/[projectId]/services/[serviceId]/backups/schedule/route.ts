import { apiRoute } from '@/lib/api/handler';
import { getSchedule, setSchedule } from '@/lib/backups/domain';
import { backupScheduleSchema } from '@/lib/validations/backups';

type P = { projectId: string; serviceId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => getSchedule(db, user.id, params.projectId, params.serviceId));

export const PUT = apiRoute<P>(async ({ db, user, params, body }) => setSchedule(db, user.id, params.projectId, params.serviceId, await body(backupScheduleSchema)));
