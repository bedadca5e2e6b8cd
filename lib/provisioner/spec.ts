/** Wanted and observed Docker objects of one project, as plain data (the planner's input). */

/** What a project network carries besides Docker's IPv4 subnet. */
export interface NetworkOptions {
  /** IPv6 beside IPv4 (Docker's EnableIPv6) on this subnet (canonical `addr/64`). */
  ipv6?: { subnet: string };
}

export interface WantedNetwork extends NetworkOptions {
  name: string;
  labels: Record<string, string>;
}

export interface WantedVolume {
  name: string;
  labels: Record<string, string>;
}

export interface HealthSpec {
  test: string[];
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
}

export interface ContainerSpec {
  name: string;
  image: string;
  env: Record<string, string>;
  cmd?: string[];
  entrypoint?: string[];
  labels: Record<string, string>;
  mounts: { volume: string; path: string }[];
  /** Host files or folders mounted into the container (e.g. the host CA bundle, read-only). */
  binds?: { host: string; path: string; readOnly: boolean }[];
  workingDir?: string;
  /** Bridge network with DNS aliases, or host networking (the project core). */
  network: { mode: 'bridge'; name: string; aliases: string[] } | { mode: 'host' };
  healthCheck?: HealthSpec;
  limits: { nanoCpus: number; memoryBytes: number };
  restart: 'no' | 'unless-stopped' | 'always';
  logging?: { type: string; config: Record<string, string> };
  stopSignal?: string;
  /** Wanted run state: false keeps the container created but stopped. */
  running: boolean;
}

export interface WantedContainer {
  spec: ContainerSpec;
  /** Hash of `spec` minus `running` (a start/stop is not a replacement). */
  hash: string;
}

export interface WantedProject {
  projectId: string;
  /** null when the project is being destroyed. */
  network: WantedNetwork | null;
  volumes: WantedVolume[];
  containers: WantedContainer[];
}

export interface ObservedContainer {
  id: string;
  name: string;
  labels: Record<string, string>;
  state: string;
  health?: string;
  restartCount: number;
}

export interface ObservedProject {
  networks: { id: string; name: string; labels: Record<string, string> }[];
  volumes: { name: string; labels: Record<string, string> }[];
  containers: ObservedContainer[];
}
