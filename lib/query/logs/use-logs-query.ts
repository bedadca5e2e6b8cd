'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useEventSource } from '../use-event-source';
import { logKeys, type LogsFilter } from './keys';

export interface ViewLogLine {
  id?: number;
  at: string;
  container: string;
  stream: string;
  line: string;
}

const MAX_LINES = 2000;

function params(f: LogsFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (f.serviceId) p.set('service', f.serviceId);
  if (f.container) p.set('container', f.container);
  if (f.q) p.set('q', f.q);
  if (f.rangeSec) p.set('since', new Date(Date.now() - f.rangeSec * 1000).toISOString());
  return p;
}

/**
 * Collected logs. Following: an SSE stream fills the cache (`reset`, then `append` as lines
 * arrive). Paused: the last lines stay; changing a filter while paused reads them once.
 */
export function useLogsQuery(projectId: string, filter: LogsFilter, follow: boolean) {
  const qc = useQueryClient();
  const key = logKeys.list(projectId, filter);
  const url = useMemo(
    () => (follow ? `/api/stream/projects/${projectId}/logs?${params(filter)}` : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [follow, projectId, filter.serviceId, filter.container, filter.q, filter.rangeSec],
  );
  useEventSource(url, {
    reset: (lines) => qc.setQueryData(key, lines as ViewLogLine[]),
    append: (lines) => qc.setQueryData<ViewLogLine[]>(key, (old = []) => [...old, ...(lines as ViewLogLine[])].slice(-MAX_LINES)),
  });
  return useQuery({
    queryKey: key,
    enabled: !follow,
    staleTime: Infinity,
    queryFn: async () => {
      const res = await fetch(`/api/v1/projects/${projectId}/logs?${params(filter)}`);
      const body = (await res.json()) as { lines?: ViewLogLine[]; error?: { message: string } };
      if (!res.ok) throw new Error(body.error?.message ?? 'Could not read logs');
      return body.lines ?? [];
    },
  });
}
