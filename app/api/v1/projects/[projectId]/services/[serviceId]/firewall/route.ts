import { apiRoute } from '@/lib/api/handler';
import { setRouteFirewall } from '@/lib/domain/public-ports';
import { firewallSchema } from '@/lib/validations/core';

type P = { projectId: string; serviceId: string };

/** PUT { policy: none|allow|deny, ranges: [ip or CIDR] } for the service's subdomain route. */
export const PUT = apiRoute<P>(async ({ db, user, params, body }) => setRouteFirewall(db, user.id, params.projectId, params.serviceId, await body(firewallSchema)), {
  status: 202,
});
