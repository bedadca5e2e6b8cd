import { baseVars, single } from '../building-blocks';
import type { CatalogEntry } from '../types';
import { stayUp } from './debian';

/**
 * Shared storage: a named volume that the project's runtime, static and linux services mount at
 * /mnt/<hostname>. One small holder container keeps it visible as a service with a status and a place to
 * exec into. The documented HA topology (2 volume servers, 1:1 replication) is not available yet.
 */
export const sharedStorage: CatalogEntry = {
  type: 'shared-storage',
  displayName: 'Shared storage',
  category: 'storage',
  managed: 'full',
  versions: [{ version: '1', default: true, images: { local: 'berth/debian:12', official: 'debian:12' } }],
  ports: [],
  volumes: [{ name: 'data', mountPath: '/mnt/data' }],
  resources: { cpu: 0.1, memoryMb: 64 },
  ha: { roles: [{ role: 'volume', count: 2 }], available: false },
  scaling: { min: 1, max: 1 },
  generate: (ctx) => ({ ...baseVars(ctx), mountPath: { value: `/mnt/${ctx.hostname}`, secret: false } }),
  containersFor: (input) =>
    single(input, sharedStorage.versions, {
      env: {},
      cmd: stayUp(input.source),
      volumes: [{ name: 'data', mountPath: `/mnt/${input.hostname}` }],
    }),
};
