import { toProjectCards } from '@/components/projects/project-card-data';
import { errorResponse } from '@/lib/api/handler';
import { sseSnapshots } from '@/lib/api/sse';
import { requireStillActive } from '@/lib/auth/credentials';
import { requireSessionUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { listCpuSparklines } from '@/lib/db/queries/sparklines';
import { listProjects } from '@/lib/services/projects';

export const dynamic = 'force-dynamic';

/** The signed-in user's project cards (status, counts, CPU sparkline), sent when they change. */
export async function GET(req: Request) {
  try {
    const user = await requireSessionUser();
    const db = await getDb();
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
  } catch (err) {
    return errorResponse(err);
  }
}
