import { apiRoute } from '@/lib/api/handler';
import { notFound } from '@/lib/errors';
import { restartService, startService, stopService } from '@/lib/services/services';

type P = { projectId: string; serviceId: string; action: string };
const actions = { start: startService, stop: stopService, restart: restartService } as const;

/** POST …/services/:id/start | stop | restart */
export const POST = apiRoute<P>(
  async ({ db, user, params }) => {
    const run = actions[params.action as keyof typeof actions];
    if (!run) throw notFound(`Action ${params.action}`);
    return run(db, user.id, params.projectId, params.serviceId);
  },
  { status: 202 },
);
