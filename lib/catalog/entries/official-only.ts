import { baseVars, health, single } from '../building-blocks';
import type { CatalogEntry, Category, ContainersForInput, GenerateContext, GeneratedVar, HealthCheckDef, PortDef } from '../types';

/** Why the local image set has none of these: no Debian suite the mirror serves ships the server. */
export const NOT_IN_DEBIAN = (name: string) => `no Debian suite ships ${name}; use BERTH_IMAGE_SOURCE=official`;

export interface OfficialOnlyDef {
  type: string;
  displayName: string;
  category: Category;
  /** Version → the upstream image that runs it. */
  versions: { version: string; image: string; default?: boolean }[];
  ports: PortDef[];
  /** Where the upstream image keeps its data (one named volume). */
  dataPath: string;
  resources: { cpu: number; memoryMb: number };
  generate(ctx: GenerateContext): Record<string, GeneratedVar>;
  /** The upstream image's own environment contract, filled from the generated variables. */
  env(generated: Record<string, string>, input: ContainersForInput): Record<string, string>;
  cmd?: string[];
  entrypoint?: string[];
  /** A probe that needs no credentials on its command line. */
  healthCheck: HealthCheckDef;
}

/**
 * A type that only the official source provides: one container from the upstream image with its
 * documented env contract, data path and an unauthenticated health probe. With the local source it is
 * refused with the reason (the catalog's source note).
 */
export function officialOnly(def: OfficialOnlyDef): CatalogEntry {
  const versions = def.versions.map((v) => ({ version: v.version, default: v.default, images: { official: v.image } }));
  return {
    type: def.type,
    displayName: def.displayName,
    category: def.category,
    managed: 'full',
    versions,
    sourceNotes: { local: NOT_IN_DEBIAN(def.displayName) },
    ports: def.ports,
    volumes: [{ name: 'data', mountPath: def.dataPath }],
    resources: def.resources,
    ha: null,
    scaling: { min: 1, max: 1 },
    generate: (ctx) => ({ ...baseVars(ctx), ...def.generate(ctx) }),
    containersFor: (input) =>
      single(input, versions, {
        env: def.env(input.generated, input),
        ...(def.cmd ? { cmd: def.cmd } : {}),
        ...(def.entrypoint ? { entrypoint: def.entrypoint } : {}),
        volumes: [{ name: 'data', mountPath: def.dataPath }],
        healthCheck: def.healthCheck,
      }),
  };
}

/** A TCP probe for images without curl or wget: bash's /dev/tcp, or busybox nc where there is no bash. */
export const tcpProbe = (port: number, shell: 'bash' | 'busybox' = 'bash') =>
  shell === 'bash'
    ? health(['bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`], 60_000)
    : health(['sh', '-c', `nc -z 127.0.0.1 ${port}`], 60_000);
