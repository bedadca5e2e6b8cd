import { errorResponse } from '@/lib/api/handler';
import { requireSessionUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { invalid } from '@/lib/errors';
import { readLogs } from '@/lib/services/logs';

export const dynamic = 'force-dynamic';

/** An absent time is no bound; one that does not parse is a 422 naming the parameter. */
function date(v: string | null, field: string): Date | undefined {
  if (!v) return undefined;
  if (Number.isNaN(Date.parse(v))) throw invalid(field, 'an ISO 8601 time');
  return new Date(v);
}

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
      since: date(url.searchParams.get('since'), 'since'),
      until: date(url.searchParams.get('until'), 'until'),
    });
    return Response.json({ lines });
  } catch (err) {
    return errorResponse(err);
  }
}
