import { z } from 'zod';
import { apiRoute } from '@/lib/api/handler';
import { getService } from '@/lib/domain/services';
import { queryServiceStats } from '@/lib/stats/sampler';
import { parseInput } from '@/lib/validations/parse';

type P = { projectId: string; serviceId: string };

const querySchema = z.object({
  minutes: z
    .string()
    .regex(/^\d+$/, 'a whole number of minutes from 1 to 10080')
    .transform(Number)
    .pipe(z.number().min(1, 'a whole number of minutes from 1 to 10080').max(7 * 24 * 60, 'a whole number of minutes from 1 to 10080'))
    .default(60),
});

/** GET ?minutes=60: the service's samples per container (the statistics charts). */
export const GET = apiRoute<P>(async ({ db, user, params, query }) => {
  await getService(db, user.id, params.projectId, params.serviceId);
  const { minutes } = parseInput(querySchema, Object.fromEntries(query));
  const samples = await queryServiceStats(db, params.serviceId, minutes * 60_000);
  return {
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
  };
});
