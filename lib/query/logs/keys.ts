export interface LogsFilter {
  serviceId?: string;
  container: string;
  q: string;
  /** Seconds back from now; 0 = everything kept. */
  rangeSec: number;
}

export const logKeys = {
  all: (projectId: string) => ['logs', projectId] as const,
  list: (projectId: string, f: LogsFilter) => ['logs', projectId, f.serviceId ?? 'all', f.container, f.q, f.rangeSec] as const,
};
