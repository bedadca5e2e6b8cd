import { apiRoute } from '@/lib/api/handler';
import { regenerateWebhook } from '@/lib/domain/deploy-webhooks';

type P = { projectId: string; serviceId: string };

export const POST = apiRoute<P>(async ({ db, user, params }) => regenerateWebhook(db, user.id, params.projectId, params.serviceId));
