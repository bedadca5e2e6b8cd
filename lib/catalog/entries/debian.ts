import { baseVars, replicas, sharedMountsOf } from '../building-blocks';
import type { CatalogEntry } from '../types';

const versions = [
  { version: '12', default: true, images: { local: 'berth/debian:12', official: 'debian:12' } },
  { version: '13', images: { local: 'berth/debian:13', official: 'debian:13' } },
];

/**
 * A plain Debian container (12, or 13 built on first use) that stays up for exec. The local image runs tini as PID 1; the official
 * one gets a shell that exits on SIGTERM, so a stop is immediate either way.
 */
export const debian: CatalogEntry = {
  type: 'debian',
  displayName: 'Debian',
  category: 'linux',
  managed: 'partial',
  versions,
  ports: [],
  volumes: [],
  resources: { cpu: 0.5, memoryMb: 256 },
  ha: null,
  scaling: { min: 1, max: 10 },
  generate: (ctx) => baseVars(ctx),
  containersFor: (input) => replicas(input, versions, { env: {}, cmd: stayUp(input.source), volumes: sharedMountsOf(input) }),
};

export const stayUp = (source: 'local' | 'official'): string[] =>
  source === 'local' ? ['sleep', 'infinity'] : ['sh', '-c', 'trap "exit 0" TERM INT; sleep infinity & wait'];
