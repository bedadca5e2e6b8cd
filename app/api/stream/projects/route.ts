import { toProjectCards } from '@/components/projects/project-card-data';
import { apiRoute } from '@/lib/api/handler';
import { sseSnapshots } from '@/lib/api/sse';
import { requireStillActive } from '@/lib/auth/credentials';
import { listCpuSparklines } from '@/lib/db/queries/sparklines';
import { listProjects } from '@/lib/domain/projects';

export const dynamic = 'force-dynamic';

/** The signed-in user's project cards (status, counts, CPU sparkline), sent when they change. */
export const GET = apiRoute(async ({ req, db, user }) => {
  const opened = Date.now();
  return sseSnapshots(
    req,
    async () => {
      await requireStillActive(db, user.id, opened);
      const projects = await listProjects(db, user.id);
      return toProjectCards(projects, await listCpuSparklines(db, projects.map((p) => p.project.id)));
    },
    2000,
  );
});
