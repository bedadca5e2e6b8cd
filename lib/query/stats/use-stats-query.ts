'use client';

import { useQuery } from '@tanstack/react-query';
import { statsKeys } from './keys';

export interface StatsSample {
  container: string;
  at: string;
  cpu: number;
  memory: number;
  /** The container's memory limit in bytes (0 = none). */
  memoryLimit: number;
  netRx: number;
  netTx: number;
  blkRead: number;
  blkWrite: number;
}

/** A service's samples per container over the last `minutes`, polled at the sampler's pace. */
export function useStatsQuery(projectId: string, serviceId: string, minutes: number) {
  return useQuery({
    queryKey: statsKeys.service(projectId, serviceId, minutes),
    refetchInterval: minutes <= 60 ? 5000 : 60_000,
    queryFn: async () => {
      const res = await fetch(`/api/v1/projects/${projectId}/services/${serviceId}/stats?minutes=${minutes}`);
      const body = (await res.json()) as { samples?: StatsSample[]; error?: { message: string } };
      if (!res.ok) throw new Error(body.error?.message ?? 'Could not read statistics');
      return body.samples ?? [];
    },
  });
}

/** The latest sample of each container (for the live figures on container cards). */
export function latestByContainer(samples: StatsSample[]): Map<string, StatsSample> {
  const out = new Map<string, StatsSample>();
  for (const s of samples) out.set(s.container, s); // oldest first, so the last one wins
  return out;
}
