import { apiRoute } from '@/lib/api/handler';
import { notFound } from '@/lib/errors';
import { restartService, startService, stopService } from '@/lib/domain/services';

type P = { projectId: string; serviceId: string; action: string };
const actions = { start: startService, stop: stopService, restart: restartService } as const;

/** POST …/services/:id/start | stop | restart */
export const POST = apiRoute<P>(
  async ({ db, user, params }) => {
    if (!Object.hasOwn(actions, params.action)) throw notFound(`Action ${params.action}`);
    return actions[params.action as keyof typeof actions](db, user.id, params.projectId, params.serviceId);
  },
  { status: 202 },
);
