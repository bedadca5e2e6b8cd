export const statsKeys = {
  all: (projectId: string) => ['stats', projectId] as const,
  service: (projectId: string, serviceId: string, minutes: number) => ['stats', projectId, serviceId, minutes] as const,
};
