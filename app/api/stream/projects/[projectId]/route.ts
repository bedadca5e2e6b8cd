import { errorResponse } from '@/lib/api/handler';
import { sseSnapshots } from '@/lib/api/sse';
import { requireStillActive } from '@/lib/auth/credentials';
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
    const opened = Date.now();
    return sseSnapshots(req, async () => {
      await requireStillActive(db, user.id, opened); // a disabled or signed-out user's stream ends
      return getProjectSnapshot(db, user.id, projectId);
    });
  } catch (err) {
    return errorResponse(err);
  }
}
