export const projectKeys = {
  all: ['projects'] as const,
  snapshot: (projectId: string) => ['projects', projectId, 'snapshot'] as const,
  logs: (projectId: string, container: string) => ['projects', projectId, 'logs', container] as const,
  stats: (projectId: string, serviceId: string) => ['projects', projectId, 'stats', serviceId] as const,
};
