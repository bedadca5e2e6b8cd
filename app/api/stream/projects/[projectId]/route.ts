import { errorResponse } from '@/lib/api/handler';
import { sseSnapshots } from '@/lib/api/sse';
import { requireSessionUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { getProjectSnapshot } from '@/lib/services/snapshot';

export const dynamic = 'force-dynamic';

/** Live project state (services, containers, processes with their step logs) for the project page. */
export async function GET(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  try {
    const user = await requireSessionUser();
    const { projectId } = await params;
    const db = await getDb();
    await getProjectSnapshot(db, user.id, projectId); // authorizes before the stream opens
    return sseSnapshots(req, () => getProjectSnapshot(db, user.id, projectId));
  } catch (err) {
    return errorResponse(err);
  }
}
