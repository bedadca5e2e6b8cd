'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectCardsPage } from '@/lib/domain/project-cards';
import { useEventSource } from '../use-event-source';
import { projectKeys } from './keys';

/** One page of the caller's project cards: server-rendered, then kept current by the SSE stream. */
export function useProjectsList(initial: ProjectCardsPage) {
  const qc = useQueryClient();
  const key = [...projectKeys.list(), initial.page, initial.q] as const;
  const params = new URLSearchParams({ page: String(initial.page), ...(initial.q ? { q: initial.q } : {}) });
  useEventSource(`/api/stream/projects?${params}`, {
    message: (data) => qc.setQueryData(key, data as ProjectCardsPage),
  });
  return useQuery({ queryKey: key, queryFn: () => initial, initialData: initial, staleTime: Infinity }).data;
}
