'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectCardData } from '@/components/projects/project-card-data';
import { useEventSource } from '../use-event-source';
import { projectKeys } from './keys';

/** The caller's project cards: server-rendered, then kept current by the SSE stream. */
export function useProjectsList(initial: ProjectCardData[]) {
  const qc = useQueryClient();
  const key = projectKeys.list();
  useEventSource('/api/stream/projects', {
    message: (data) => qc.setQueryData(key, data as ProjectCardData[]),
  });
  return useQuery({ queryKey: key, queryFn: () => initial, initialData: initial, staleTime: Infinity }).data;
}
