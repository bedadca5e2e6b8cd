/** Query keys of the projects area (the list page and one project's live snapshot). */
export const projectKeys = {
  all: ['projects'] as const,
  list: () => ['projects', 'list'] as const,
  snapshot: (projectId: string) => ['projects', projectId, 'snapshot'] as const,
};
