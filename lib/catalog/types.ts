import type { ObjectStoragePolicy } from './bucket-policy';

/**
 * The contract between the catalog (data + behaviour per type) and the provisioner.
 * The catalog says WHAT runs for a service; the provisioner adds names, labels, networks,
 * resource limits, logging and restart policy, and reconciles Docker to it.
 */
export type Category = 'database' | 'search' | 'broker' | 'runtime' | 'static' | 'linux' | 'storage';
export type ImageSource = 'local' | 'official';

export interface PortDef {
  port: number;
  protocol: 'tcp' | 'udp';
  /** Serves HTTP: eligible for subdomain access and HTTP routes. */
  http: boolean;
  name: string;
}

export interface HealthCheckDef {
  /** Exec form, run inside the container (Docker HEALTHCHECK CMD). */
  test: string[];
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
}

export interface GeneratedVar {
  value: string;
  secret: boolean;
}

export interface GenerateContext {
  hostname: string;
  serviceId: string;
  projectId: string;
  mode: 'HA' | 'NON_HA';
  /** A fresh strong random password (URL-safe). */
  password(): string;
  /** Object storage: the quota asked for, in GB. */
  objectStorageSize?: number;
}

export interface HaRole {
  role: string;
  count: number;
}

export interface VersionDef {
  version: string;
  default?: boolean;
  images: Partial<Record<ImageSource, string>>;
}

/** One container the catalog wants for a service, before the provisioner dresses it. */
export interface ContainerTemplate {
  /** Role in the topology: 'main' for single containers, 'primary'/'replica'/'sentinel'/… for HA. */
  role: string;
  /** 0-based index within the role. */
  ordinal: number;
  image: string;
  env: Record<string, string>;
  cmd?: string[];
  entrypoint?: string[];
  /** The signal a stop sends when the image's own STOPSIGNAL does not fit the server (e.g. SIGINT). */
  stopSignal?: string;
  /** Named volume suffix → mount path; the provisioner names the volume per container. */
  volumes: { name: string; mountPath: string }[];
  healthCheck?: HealthCheckDef;
  /** Extra DNS aliases on the project network (besides the service hostname and container name). */
  aliases?: string[];
  /** Whether the service hostname alias should point at this container (e.g. only the primary). */
  serviceAlias: boolean;
}

export interface ContainersForInput {
  hostname: string;
  version: string;
  mode: 'HA' | 'NON_HA';
  containerCount: number;
  source: ImageSource;
  /** Fully resolved env the user and the generator asked for (generated vars + user vars). */
  generated: Record<string, string>;
  /** Runtimes: the HTTP port the user chose (default: the catalog's). */
  port?: number;
  /** Shared-storage mounts: volume name (docker) → mount path, passed through to every container. */
  sharedMounts?: { volume: string; mountPath: string }[];
  /**
   * The project network has IPv6 besides IPv4: Docker's resolver answers the service's IPv6
   * address first, so the servers listen on both families. Off: the commands stay as they were
   * (a change would replace running containers).
   */
  ipv6?: boolean;
  /** Object storage: the bucket's access policy (Zerops' names) and a custom document. */
  objectStorage?: { policy?: ObjectStoragePolicy; rawPolicy?: string };
}

export interface CatalogEntry {
  type: string;
  displayName: string;
  category: Category;
  managed: 'full' | 'partial';
  versions: VersionDef[];
  /** Why a source offers no (or fewer) versions of this type, shown in its refusal, e.g. Valkey from Debian bookworm. */
  sourceNotes?: Partial<Record<ImageSource, string>>;
  ports: PortDef[];
  volumes: { name: string; mountPath: string }[];
  resources: { cpu: number; memoryMb: number };
  /**
   * null: no HA mode. `available: false`: documented topology, refused for now with a clear message.
   * `sources`: the image sources whose images implement the topology (default: every source).
   */
  ha: { roles: HaRole[]; available: boolean; sources?: ImageSource[] } | null;
  /** Runtimes scale horizontally within these bounds; managed types are fixed at 1 (or the HA topology). */
  scaling: { min: number; max: number };
  /** Generated variables (connection details, passwords), computed once at service creation and stored encrypted. */
  generate(ctx: GenerateContext): Record<string, GeneratedVar>;
  /** Every container the service needs, in start order. */
  containersFor(input: ContainersForInput): ContainerTemplate[];
}
