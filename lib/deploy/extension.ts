import { logger } from '@/lib/log';
import { registerProjectExtension } from '@/lib/provisioner/extensions';
import { L } from '@/lib/provisioner/labels';
import { DEPLOY_LABEL } from './build/labels';

const log = logger('deploy');

/** A deleted project takes its build containers (which its reconciler does not see) and app images along. */
export function registerDeployExtension(): void {
  registerProjectExtension({
    name: 'deploy',
    async beforeDestroy({ runtime, project }) {
      for (const c of await runtime.listContainers({ [L.managed]: 'true', [DEPLOY_LABEL]: project.id })) await runtime.removeContainer(c.id, 0);
      for (const image of await runtime.listImages({ [DEPLOY_LABEL]: project.id })) {
        for (const tag of image.tags) await runtime.removeImage(tag, true).catch((err: Error) => log.warn('image not removed', { tag, error: err.message }));
      }
    },
  });
}
