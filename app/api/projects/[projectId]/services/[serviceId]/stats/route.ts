import { errorResponse } from '@/lib/api/handler';
import { requireSessionUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { invalid } from '@/lib/errors';
import { getService } from '@/lib/services/services';
import { queryServiceStats } from '@/lib/stats/sampler';

export const dynamic = 'force-dynamic';

/** GET ?minutes=60: the service's samples per container for the statistics charts. */
export async function GET(req: Request, { params }: { params: Promise<{ projectId: string; serviceId: string }> }) {
  try {
    const user = await requireSessionUser();
    const { projectId, serviceId } = await params;
    const db = await getDb();
    await getService(db, user.id, projectId, serviceId);
    const raw = new URL(req.url).searchParams.get('minutes') ?? '60';
    const minutes = Number(raw);
    if (!/^\d+$/.test(raw) || minutes < 1 || minutes > 7 * 24 * 60) throw invalid('minutes', 'a whole number of minutes from 1 to 10080');
    const samples = await queryServiceStats(db, serviceId, minutes * 60_000);
    return Response.json({
      samples: samples.map((s) => ({
        container: s.containerName,
        at: s.at.toISOString(),
        cpu: s.cpuPercent,
        memory: s.memoryBytes,
        memoryLimit: s.memoryLimitBytes,
        netRx: s.netRxBytes,
        netTx: s.netTxBytes,
        blkRead: s.blockReadBytes,
        blkWrite: s.blockWriteBytes,
      })),
    });
  } catch (err) {
    return errorResponse(err);
  }
}
