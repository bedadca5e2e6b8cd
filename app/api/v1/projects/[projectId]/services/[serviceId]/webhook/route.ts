import { apiRoute } from '@/lib/api/handler';
import { revealWebhook, webhookInfo } from '@/lib/domain/deploy-webhooks';

type P = { projectId: string; serviceId: string };

/** GET: the tracked repository and branch (readers). POST: reveal the webhook URL path (writers: it is a credential). */
export const GET = apiRoute<P>(async ({ db, user, params }) => webhookInfo(db, user.id, params.projectId, params.serviceId));
export const POST = apiRoute<P>(async ({ db, user, params }) => revealWebhook(db, user.id, params.projectId, params.serviceId));
