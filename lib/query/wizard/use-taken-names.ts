'use client';

import { useQuery } from '@tanstack/react-query';
import { wizardKeys } from './keys';

export interface ProjectNames {
  hostnames: string[];
  publicPorts: { port: number; protocol: string }[];
  reservedPorts: number[];
  references: string[];
}

/**
 * What a new service must not take (hostnames, public ports) and may reference (variables), read
 * again every few seconds and on focus, so a service added meanwhile by someone else is caught.
 */
export function useTakenNames(projectId: string, initial: ProjectNames) {
  return useQuery({
    queryKey: wizardKeys.names(projectId),
    initialData: initial,
    staleTime: 0,
    refetchInterval: 4000,
    refetchOnWindowFocus: true,
    queryFn: async () => {
      const res = await fetch(`/api/projects/${projectId}/names`);
      if (!res.ok) throw new Error('Could not check names');
      return (await res.json()) as ProjectNames;
    },
  }).data;
}
