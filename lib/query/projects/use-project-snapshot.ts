'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectSnapshot } from '@/lib/domain/snapshot';
import { useEventSource } from '../use-event-source';
import { projectKeys } from './keys';

/**
 * The project's live state: server-rendered first, then kept current by the SSE stream, so a
 * process step or a self-healer repair shows without a reload.
 */
export function useProjectSnapshot(initial: ProjectSnapshot) {
  const qc = useQueryClient();
  const key = projectKeys.snapshot(initial.project.id);
  useEventSource(`/api/stream/projects/${initial.project.id}`, {
    message: (data) => qc.setQueryData(key, data as ProjectSnapshot),
  });
  return useQuery({ queryKey: key, queryFn: () => initial, initialData: initial, staleTime: Infinity }).data;
}
