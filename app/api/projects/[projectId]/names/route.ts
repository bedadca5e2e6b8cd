import { apiRoute } from '@/lib/api/handler';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { listReferenceNames, listTakenNames } from '@/lib/db/queries/wizard-names';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';

/** GET: hostnames and public ports taken in the project, and referenceable variables (the wizard's live checks). */
export const GET = apiRoute<{ projectId: string }>(async ({ db, user, params }) => {
  await requireProjectAccess(db, user.id, params.projectId, 'write');
  return {
    ...(await listTakenNames(db, params.projectId)),
    reservedPorts: [env.BERTH_CORE_HTTP_PORT, env.BERTH_CORE_HTTPS_PORT],
    references: await listReferenceNames(db, params.projectId),
  };
});
