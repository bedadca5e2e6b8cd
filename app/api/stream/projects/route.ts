import { apiRoute } from '@/lib/api/handler';
import { sseSnapshots } from '@/lib/api/sse';
import { requireStillActive } from '@/lib/auth/credentials';
import { projectCardsPage } from '@/lib/domain/project-cards';

export const dynamic = 'force-dynamic';

/** One page of the signed-in user's project cards (?page=, ?q=; status, counts, CPU sparkline), sent when it changes. */
export const GET = apiRoute(async ({ req, db, user, query }) => {
  const opened = Date.now();
  const asked = { page: query.get('page') ?? undefined, q: query.get('q') ?? undefined };
  return sseSnapshots(
    req,
    async () => {
      await requireStillActive(db, user.id, opened);
      return projectCardsPage(db, user.id, asked);
    },
    2000,
  );
});
