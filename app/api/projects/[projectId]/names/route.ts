import { errorResponse } from '@/lib/api/handler';
import { requireSessionUser } from '@/lib/auth/guards';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { getDb } from '@/lib/db';
import { listReferenceNames, listTakenNames } from '@/lib/db/queries/dashboard-wizard';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';

/** GET: hostnames and public ports taken in the project, and referenceable variables (the wizard's live checks). */
export async function GET(_req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  try {
    const user = await requireSessionUser();
    const { projectId } = await params;
    const db = await getDb();
    await requireProjectAccess(db, user.id, projectId, 'write');
    const taken = await listTakenNames(db, projectId);
    return Response.json({
      ...taken,
      reservedPorts: [env.BERTH_CORE_HTTP_PORT, env.BERTH_CORE_HTTPS_PORT],
      references: await listReferenceNames(db, projectId),
    });
  } catch (err) {
    return errorResponse(err);
  }
}
