import { L, managedLabels, shortId } from '@/lib/provisioner/labels';

/**
 * Build-time containers and images carry the deploy's own labels but not the project label: the
 * project's reconciler must not see (and remove) a build in progress. Test runs' labels come along.
 */
export const DEPLOY_LABEL = 'berth.deploy-project';
export const VERSION_LABEL = 'berth.app-version';

export function buildLabels(projectId: string, serviceId: string, kind: 'build' | 'prepare' | 'image'): Record<string, string> {
  return managedLabels({ [DEPLOY_LABEL]: projectId, [L.service]: serviceId, [L.kind]: kind });
}

export const buildContainerName = (projectId: string, what: string) => `berth-${shortId(projectId)}-build-${what}`;
