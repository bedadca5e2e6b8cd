import { apiRoute } from '@/lib/api/handler';
import { autoscalingSchema } from '@/lib/db/schema';
import { getService } from '@/lib/domain/services';
import { listScalingEvents, setAutoscaling } from '@/lib/domain/autoscaling';

type P = { projectId: string; serviceId: string };

/** The service's scaling settings, its current resources and container count, and its scaling events. */
export const GET = apiRoute<P>(async ({ db, user, params }) => {
  const { service } = await getService(db, user.id, params.projectId, params.serviceId);
  const events = await listScalingEvents(db, user.id, params.projectId, params.serviceId);
  return { autoscaling: service.autoscaling, resources: service.resources, containerCount: service.containerCount, events };
});

/** PUT the Zerops keys (cpuMode, minCpu … maxContainers): replaces the settings (starts stack.scale). */
export const PUT = apiRoute<P>(async ({ db, user, params, body }) => setAutoscaling(db, user.id, params.projectId, params.serviceId, await body(autoscalingSchema)), {
  status: 202,
});
