import fs from 'node:fs/promises';
import type { Engine } from '@/lib/provisioner/engine';
import { logger } from '@/lib/log';
import { L } from '@/lib/provisioner/labels';
import { DEPLOY_LABEL } from './build/labels';
import { cachePath, knownHostsPath } from './store';

const log = logger('deploy');

/** Build containers and app images matching `labels` (the project's reconciler does not see them). */
async function removeBuildObjects(engine: Engine, labels: Record<string, string>): Promise<void> {
  for (const c of await engine.listContainers({ [L.managed]: 'true', ...labels })) await engine.removeContainer(c.id, 0);
  for (const image of await engine.listImages(labels)) {
    for (const tag of image.tags) await engine.removeImage(tag, true).catch((err: Error) => log.warn('image not removed', { tag, error: err.message }));
  }
}

/** A service's files under the data dir that outlive its rows: the build cache and its pinned ssh host keys. */
async function removeServiceFiles(serviceId: string): Promise<void> {
  await fs.rm(cachePath(serviceId), { force: true });
  await fs.rm(knownHostsPath(serviceId), { force: true });
}

/** A deleted project takes its build containers and app images along, and each service's deploy files. */
export async function removeDeployObjects(engine: Engine, projectId: string, serviceIds: string[]): Promise<void> {
  await removeBuildObjects(engine, { [DEPLOY_LABEL]: projectId });
  for (const id of serviceIds) await removeServiceFiles(id);
}

/** A deleted service takes its build containers, app images, build cache and pinned host keys along. */
export async function removeServiceDeployObjects(engine: Engine, projectId: string, serviceId: string): Promise<void> {
  await removeBuildObjects(engine, { [DEPLOY_LABEL]: projectId, [L.service]: serviceId });
  await removeServiceFiles(serviceId);
}
