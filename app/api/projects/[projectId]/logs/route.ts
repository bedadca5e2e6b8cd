import { errorResponse } from '@/lib/api/handler';
import { requireSessionUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { dockerRuntime } from '@/lib/provisioner/docker/docker-runtime';
import { readContainerLogs } from '@/lib/services/logs';

export const dynamic = 'force-dynamic';

/** GET ?container=&q=&since= (unix seconds): the dashboard's logs viewer polls this while following. */
export async function GET(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  try {
    const user = await requireSessionUser();
    const { projectId } = await params;
    const url = new URL(req.url);
    const since = Number(url.searchParams.get('since') ?? 0);
    const lines = await readContainerLogs(await getDb(), dockerRuntime(), user.id, projectId, {
      container: url.searchParams.get('container') ?? '',
      q: url.searchParams.get('q') ?? undefined,
      sinceSec: Number.isFinite(since) ? since : 0,
    });
    return Response.json({ lines });
  } catch (err) {
    return errorResponse(err);
  }
}
