export const deployKeys = {
  versions: (projectId: string, serviceId: string) => ['deploys', projectId, serviceId] as const,
  version: (projectId: string, serviceId: string, versionId: string) => ['deploys', projectId, serviceId, versionId] as const,
};
