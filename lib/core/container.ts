import type { Project } from '@/lib/db/schema';
import { L, baseLabels, containerName, specHash } from '@/lib/provisioner/labels';
import type { ContainerSpec, WantedContainer } from '@/lib/provisioner/spec';
import type { CoreImage } from './image';

/** One container of a project's core: host networking on the project address, restarted by Docker. */
export function coreContainer(
  project: Pick<Project, 'id'>,
  local: string,
  opts: { role: 'balancer' | 'logger'; image: CoreImage; cmd?: string[]; mounts: ContainerSpec['mounts']; memoryMb: number; stopSignal: string },
): WantedContainer {
  const spec: ContainerSpec = {
    name: containerName(project.id, local),
    ...opts.image,
    ...(opts.cmd ? { cmd: opts.cmd } : {}),
    env: {},
    labels: baseLabels(project.id, { [L.kind]: 'core', [L.role]: opts.role, [L.container]: local }),
    mounts: opts.mounts,
    network: { mode: 'host' },
    limits: { nanoCpus: 0, memoryBytes: opts.memoryMb * 1024 * 1024 },
    restart: 'unless-stopped',
    stopSignal: opts.stopSignal,
    running: true,
  };
  return { spec, hash: specHash(spec) };
}
