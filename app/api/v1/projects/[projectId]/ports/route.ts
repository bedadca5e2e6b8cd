import { apiRoute } from '@/lib/api/handler';
import { addPublicPort, listPublicPorts } from '@/lib/domain/public-ports';
import type { PublicPortInput } from '@/lib/validations/core';
import { publicPortSchema } from '@/lib/validations/core';

type P = { projectId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => ({ ports: await listPublicPorts(db, user.id, params.projectId) }));

export const POST = apiRoute<P>(async ({ db, user, params, body }) => addPublicPort(db, user.id, params.projectId, (await body(publicPortSchema)) as PublicPortInput), {
  status: 202,
});
