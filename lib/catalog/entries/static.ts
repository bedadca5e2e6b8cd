import { baseVars, httpHealth, plain, replicas, sharedMountsOf } from '../building-blocks';
import { NGINX_BOTH_FAMILIES } from '../both-families';
import type { CatalogEntry } from '../types';

/** A directory served by nginx on port 80; files live in /usr/share/nginx/html for both image sources. */
export function staticEntry(type: string, displayName: string, version: string): CatalogEntry {
  const versions = [{ version, default: true, images: { local: 'berth/nginx:1.22', official: 'nginx:1.22' } }];
  return {
    type,
    displayName,
    category: 'static',
    managed: 'partial',
    versions,
    ports: [{ port: 80, protocol: 'tcp', http: true, name: 'http' }],
    volumes: [],
    resources: { cpu: 0.25, memoryMb: 128 },
    ha: null,
    scaling: { min: 1, max: 10 },
    generate: (ctx) => ({ ...baseVars(ctx), port: plain(80) }),
    containersFor: (input) =>
      replicas(input, versions, {
        env: {},
        // The official image's own start script already adds the IPv6 listen.
        ...(input.ipv6 && input.source === 'local' ? { cmd: ['sh', '-c', NGINX_BOTH_FAMILIES, 'nginx', '-g', 'daemon off;'] } : {}),
        volumes: sharedMountsOf(input),
        healthCheck: httpHealth(80),
      }),
  };
}

/** `static@1.0`: Zerops' static type, served by Debian bookworm's nginx 1.22. */
export const staticSite = staticEntry('static', 'Static', '1.0');
