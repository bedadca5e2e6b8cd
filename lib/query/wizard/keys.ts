export const wizardKeys = {
  names: (projectId: string) => ['wizard', projectId, 'names'] as const,
};
