import type { ContainerSpec, NetworkOptions, ObservedContainer } from './spec';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Streams for a program whose input or output is too large to hold in memory (a database dump). */
export interface PipeExecOptions {
  env?: string[];
  /** Fed to the program's stdin, which is closed at its end. */
  stdin?: NodeJS.ReadableStream;
  /** Receives the program's stdout with backpressure (not ended by the call). */
  stdout?: NodeJS.WritableStream;
}

export interface PipeExecResult {
  exitCode: number;
  /** The start of stderr (bounded), for error messages. */
  stderr: string;
}

export interface ContainerDetails extends ObservedContainer {
  image: string;
  startedAt?: string;
  exitCode?: number;
  /** CPU and memory limits as the engine applies them now (0: none). */
  limits?: { nanoCpus: number; memoryBytes: number };
  /** Output of the last health check run (trimmed), for error messages. */
  healthLog?: string;
  /** The health check's command as Docker runs it (`CMD …` or `CMD-SHELL line`), when there is one. */
  healthTest?: string[];
  /** IP on each attached network, by network name. */
  ips: Record<string, string>;
}

export interface NetworkDetails {
  id: string;
  name: string;
  enableIpv6: boolean;
  /** IPAM subnets (IPv4 and IPv6). */
  subnets: string[];
  /** Attached containers by name, with their addresses (IPv4, IPv6 when the network has it). */
  containers: Record<string, { ipv4?: string; ipv6?: string }>;
}

export interface EngineEvent {
  action: string;
  containerId: string;
  labels: Record<string, string>;
}

/**
 * The narrow interface the provisioner talks to. Only lib/provisioner/docker implements it
 * (with dockerode); a Swarm adapter would be a second implementation.
 */
export interface Engine {
  listContainers(labels: Record<string, string>): Promise<ObservedContainer[]>;
  listNetworks(labels: Record<string, string>): Promise<{ id: string; name: string; labels: Record<string, string> }[]>;
  listVolumes(labels: Record<string, string>): Promise<{ name: string; labels: Record<string, string> }[]>;
  /** A bridge network (IPv4 from Docker's pools, IPv6 on the given subnet when asked); one that exists counts as done. */
  createNetwork(name: string, labels: Record<string, string>, opts?: NetworkOptions): Promise<void>;
  /** A network's address families and subnets, as Docker holds them; undefined when it does not exist. */
  inspectNetwork(idOrName: string): Promise<NetworkDetails | undefined>;
  createVolume(name: string, labels: Record<string, string>): Promise<void>;
  /** Creates and (when spec.running) starts the container; labels include the spec hash. */
  createContainer(spec: ContainerSpec, labels: Record<string, string>): Promise<string>;
  startContainer(id: string): Promise<void>;
  stopContainer(id: string, timeoutSec?: number): Promise<void>;
  killContainer(id: string, signal?: string): Promise<void>;
  /** Stops gracefully (up to `stopTimeoutSec`, default 10; 0 = kill), then removes. Already gone counts as done. */
  removeContainer(id: string, stopTimeoutSec?: number): Promise<void>;
  removeVolume(name: string): Promise<void>;
  removeNetwork(id: string): Promise<void>;
  inspectContainer(idOrName: string): Promise<ContainerDetails | undefined>;
  /** Runs a program in the container (argv, no shell); `detach` starts it and returns at once. */
  exec(idOrName: string, argv: string[], opts?: { env?: string[]; stdin?: string; detach?: boolean }): Promise<ExecResult>;
  /** The container's recent output (stdout and stderr), oldest first, with Docker's timestamps. */
  logs(idOrName: string, opts?: { sinceSec?: number; tail?: number }): Promise<{ at: string; stream: 'stdout' | 'stderr'; line: string }[]>;
  /** One sample of the engine's statistics for a running container. */
  stats(idOrName: string): Promise<ContainerStats | undefined>;
  /** Whether an image with this reference exists in the engine. */
  imageExists(ref: string): Promise<boolean>;
  /** Commits a container's filesystem as image `ref` (repo:tag) with the given config changes. */
  commitContainer(id: string, ref: string, changes: ImageChanges): Promise<void>;
  /** Removes an image (`force`: untag it even while a container uses it); already gone counts as done. */
  removeImage(ref: string, force?: boolean): Promise<void>;
  /** Images carrying every given label (the deploy pipeline's own, for pruning). */
  listImages(labels: Record<string, string>): Promise<{ id: string; tags: string[]; labels: Record<string, string> }[]>;
  /** Unpacks a tar archive into the container's filesystem at `path` (works on a stopped container). */
  putArchive(idOrName: string, path: string, tar: Buffer | NodeJS.ReadableStream): Promise<void>;
  /** A tar stream of `path` in the container. */
  getArchive(idOrName: string, path: string): Promise<NodeJS.ReadableStream>;
  /**
   * Runs a program in the container and hands its output line by line as it comes (stdout and
   * stderr); resolves with the exit code.
   */
  execStream(
    idOrName: string,
    argv: string[],
    onLine: (line: string, stream: 'stdout' | 'stderr') => void,
    opts?: { env?: string[]; workingDir?: string },
  ): Promise<number>;
  /**
   * Changes a running container's CPU and memory limits in place (no restart). `cpuShares`
   * weighs the container against others when the host's CPU is contended.
   */
  updateContainer(idOrName: string, limits: ContainerLimits): Promise<void>;
  /** The engine host's CPU count and memory. */
  engineInfo(): Promise<{ cpus: number; memoryBytes: number }>;
  /** Runs a program in the container with streamed stdin and stdout (no deadline but the caller's). */
  execPipe(idOrName: string, argv: string[], opts: PipeExecOptions): Promise<PipeExecResult>;
  /** Container events of managed objects; `onError` runs once when the stream fails or ends. Returns a function that stops listening. */
  watchEvents(onEvent: (e: EngineEvent) => void, onError: (err: Error) => void): Promise<() => void>;
}

/** Config applied when committing a container as an image. */
export interface ImageChanges {
  cmd?: string[];
  entrypoint?: string[];
  workingDir?: string;
  env?: Record<string, string>;
  labels?: Record<string, string>;
}

export interface ContainerLimits {
  nanoCpus: number;
  memoryBytes: number;
  cpuShares?: number;
}

export interface ContainerStats {
  cpuPercent: number;
  memoryBytes: number;
  memoryLimitBytes: number;
  netRxBytes: number;
  netTxBytes: number;
  blockReadBytes: number;
  blockWriteBytes: number;
}
