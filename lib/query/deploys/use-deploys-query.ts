'use client';

import { useQuery } from '@tanstack/react-query';
import type { VersionView } from '@/components/services/version-view';
import { deployKeys } from './keys';

export type { VersionView };

export interface LogLine {
  id: number;
  at: string;
  step: string | null;
  level: string;
  message: string;
}

const RUNNING = new Set(['PENDING', 'BUILDING', 'DEPLOYING']);
export const versionRunning = (status: string) => RUNNING.has(status);

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: 'no-store' });
  const body = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
  return body;
}

const base = (projectId: string, serviceId: string) => `/api/v1/projects/${projectId}/services/${serviceId}/deploys`;

/** The service's app versions, newest first; polled quickly while one builds or deploys. */
export function useVersionsQuery(projectId: string, serviceId: string, initial: VersionView[]) {
  return useQuery({
    queryKey: deployKeys.versions(projectId, serviceId),
    initialData: initial,
    queryFn: async () => (await getJson<{ versions: VersionView[] }>(base(projectId, serviceId))).versions,
    refetchInterval: (q) => ((q.state.data ?? []).some((v) => versionRunning(v.status)) ? 1_500 : 10_000),
  });
}

/** One version's build and deploy log, followed while it runs. */
export function useVersionLogQuery(projectId: string, serviceId: string, versionId: string | null, running: boolean) {
  return useQuery({
    queryKey: deployKeys.version(projectId, serviceId, versionId ?? 'none'),
    enabled: !!versionId,
    queryFn: async () => (await getJson<{ log: LogLine[] }>(`${base(projectId, serviceId)}/${versionId}`)).log,
    refetchInterval: running ? 1_000 : false,
  });
}
