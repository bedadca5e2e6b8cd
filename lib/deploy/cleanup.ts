import type { Engine } from '@/lib/provisioner/engine';
import { logger } from '@/lib/log';
import { L } from '@/lib/provisioner/labels';
import { DEPLOY_LABEL } from './build/labels';

const log = logger('deploy');

/** A deleted project takes its build containers (which its reconciler does not see) and app images along. */
export async function removeDeployObjects(engine: Engine, projectId: string): Promise<void> {
  for (const c of await engine.listContainers({ [L.managed]: 'true', [DEPLOY_LABEL]: projectId })) await engine.removeContainer(c.id, 0);
  for (const image of await engine.listImages({ [DEPLOY_LABEL]: projectId })) {
    for (const tag of image.tags) await engine.removeImage(tag, true).catch((err: Error) => log.warn('image not removed', { tag, error: err.message }));
  }
}
