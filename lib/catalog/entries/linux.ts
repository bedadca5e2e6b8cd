import { baseVars, replicas, sharedMountsOf, single } from '../helpers';
import type { CatalogEntry } from '../types';

const debianVersions = [{ version: '12', default: true, images: { local: 'berth/debian:12', official: 'debian:12' } }];

/** A Debian container that stays up for exec. */
export const debian: CatalogEntry = {
  type: 'debian',
  displayName: 'Debian',
  category: 'linux',
  managed: 'partial',
  versions: debianVersions,
  ports: [],
  volumes: [],
  resources: { cpu: 0.5, memoryMb: 256 },
  ha: null,
  scaling: { min: 1, max: 10 },
  generate: (ctx) => baseVars(ctx),
  containersFor: (input) =>
    replicas(input, debianVersions, { env: {}, cmd: ['sleep', 'infinity'], volumes: sharedMountsOf(input) }),
};

/**
 * Shared storage: a named volume other services of the project mount at /mnt/<hostname>.
 * One small holder container keeps it visible as a service with a status.
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
      cmd: ['sleep', 'infinity'],
      volumes: [{ name: 'data', mountPath: `/mnt/${input.hostname}` }],
    }),
};
