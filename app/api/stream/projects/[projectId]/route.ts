import { apiRoute } from '@/lib/api/handler';
import { sseSnapshots } from '@/lib/api/sse';
import { requireStillActive } from '@/lib/auth/credentials';
import { getProjectSnapshot } from '@/lib/domain/snapshot';

export const dynamic = 'force-dynamic';

/** Live project state (services, containers, processes with their step logs) for the project page. */
export const GET = apiRoute<{ projectId: string }>(async ({ req, db, user, params }) => {
  await getProjectSnapshot(db, user.id, params.projectId); // authorizes before the stream opens
  const opened = Date.now();
  return sseSnapshots(req, async () => {
    await requireStillActive(db, user.id, opened); // a disabled or signed-out user's stream ends
    return getProjectSnapshot(db, user.id, params.projectId);
  });
});
