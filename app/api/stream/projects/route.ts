import { toProjectCards } from '@/components/projects/project-card-data';
import { errorResponse } from '@/lib/api/handler';
import { sseSnapshots } from '@/lib/api/sse';
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
    return sseSnapshots(
      req,
      async () => {
        const projects = await listProjects(db, user.id);
        return toProjectCards(projects, await listCpuSparklines(db, projects.map((p) => p.project.id)));
      },
      2000,
    );
  } catch (err) {
    return errorResponse(err);
  }
}
