'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ProjectSnapshot } from '@/lib/services/snapshot';
import { projectKeys } from './keys';

/**
 * The project's live state: server-rendered first, then kept current by the SSE stream, so a
 * process step or a self-healer repair shows without a reload.
 */
export function useProjectSnapshot(initial: ProjectSnapshot) {
  const qc = useQueryClient();
  const key = projectKeys.snapshot(initial.project.id);
  useEffect(() => {
    const source = new EventSource(`/api/stream/projects/${initial.project.id}`);
    source.onmessage = (e) => qc.setQueryData(key, JSON.parse(e.data) as ProjectSnapshot);
    source.addEventListener('end', () => source.close());
    return () => source.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial.project.id]);
  return useQuery({ queryKey: key, queryFn: () => initial, initialData: initial, staleTime: Infinity }).data;
}
