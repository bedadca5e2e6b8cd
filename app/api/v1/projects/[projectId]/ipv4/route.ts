import { apiRoute } from '@/lib/api/handler';
import { addProjectIpV4, releaseProjectIpV4 } from '@/lib/domain/project-addresses';

type P = { projectId: string };

/** POST gives the project an IPv4 address beside its IPv6 one; DELETE releases it (owner only). */
export const POST = apiRoute<P>(async ({ db, user, params }) => {
  const { address, process } = await addProjectIpV4(db, user.id, params.projectId);
  return { publicIpV4: address, process };
}, { status: 202 });

export const DELETE = apiRoute<P>(async ({ db, user, params }) => {
  const { released, process } = await releaseProjectIpV4(db, user.id, params.projectId);
  return { released, process };
}, { status: 202 });
