import { baseVars, httpHealth, plain, replicas, sharedMountsOf } from '../building-blocks';
import type { CatalogEntry, ContainersForInput, GenerateContext } from '../types';

export interface RuntimeDef {
  type: string;
  displayName: string;
  port: number;
  versions: CatalogEntry['versions'];
  /**
   * How the official image starts the placeholder (local images start their own copy by default).
   * Extra env is passed alongside, e.g. the placeholder's source.
   */
  officialStart?: { cmd: string[]; env?: Record<string, string> };
  /** How both sources start the placeholder, for runtimes whose local image has no copy of its own. */
  start?: { cmd: string[]; env?: Record<string, string> };
  /** How both sources start the placeholder on a network with IPv6 (listening on both families). */
  ipv6Start?: { cmd: string[]; env?: Record<string, string> };
}

/**
 * Runtimes are partially managed: no HA mode, 1–10 identical containers instead. Until code
 * is deployed each container runs a placeholder HTTP app on the runtime's port (start-without-code).
 */
export function runtime(def: RuntimeDef): CatalogEntry {
  return {
    type: def.type,
    displayName: def.displayName,
    category: 'runtime',
    managed: 'partial',
    versions: def.versions,
    ports: [{ port: def.port, protocol: 'tcp', http: true, name: 'http' }],
    volumes: [],
    resources: { cpu: 0.5, memoryMb: 256 },
    ha: null,
    scaling: { min: 1, max: 10 },
    generate: (ctx: GenerateContext) => ({ ...baseVars(ctx), port: plain(def.port) }),
    containersFor: (input: ContainersForInput) => {
      const port = input.port ?? def.port;
      const official = (input.ipv6 ? def.ipv6Start : undefined) ?? def.start ?? (input.source === 'official' ? def.officialStart : undefined);
      return replicas(input, def.versions, {
        env: { PORT: String(port), ...official?.env },
        ...(official ? { cmd: official.cmd } : {}),
        volumes: sharedMountsOf(input),
        healthCheck: httpHealth(port),
      });
    },
  };
}
