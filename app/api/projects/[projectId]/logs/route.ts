import { errorResponse } from '@/lib/api/handler';
import { requireSessionUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { readLogs } from '@/lib/services/logs';

export const dynamic = 'force-dynamic';

const date = (v: string | null) => (v && !Number.isNaN(Date.parse(v)) ? new Date(v) : undefined);

/** GET ?service=&container=&q=&since=&until= (ISO times): the logs viewer polls this while following. */
export async function GET(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  try {
    const user = await requireSessionUser();
    const { projectId } = await params;
    const url = new URL(req.url);
    const lines = await readLogs(await getDb(), user.id, projectId, {
      serviceId: url.searchParams.get('service') || undefined,
      container: url.searchParams.get('container') || undefined,
      q: url.searchParams.get('q') || undefined,
      since: date(url.searchParams.get('since')),
      until: date(url.searchParams.get('until')),
    });
    return Response.json({ lines });
  } catch (err) {
    return errorResponse(err);
  }
}
