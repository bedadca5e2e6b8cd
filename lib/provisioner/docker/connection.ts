import Docker from 'dockerode';
import { env } from '@/lib/env';

export interface EngineAddress {
  /** What we tried, for messages: `unix:///var/run/docker.sock` or `tcp://host:2375`. */
  display: string;
  options: Docker.DockerOptions;
}

/** Parses DOCKER_HOST (unix://, tcp://, http(s)://) or falls back to the default socket. */
export function engineAddress(dockerHost: string | undefined = env.DOCKER_HOST): EngineAddress {
  if (!dockerHost) return { display: 'unix:///var/run/docker.sock', options: { socketPath: '/var/run/docker.sock' } };
  if (dockerHost.startsWith('unix://')) {
    return { display: dockerHost, options: { socketPath: dockerHost.slice('unix://'.length) } };
  }
  const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
  return {
    display: dockerHost,
    options: {
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 2376 : 2375)),
      protocol: url.protocol === 'https:' ? 'https' : 'http',
    },
  };
}

declare global {
  var berthDocker: Docker | undefined;
}

/** The process-wide dockerode instance. Only lib/provisioner/docker may import dockerode. */
export function docker(): Docker {
  globalThis.berthDocker ??= new Docker(engineAddress().options);
  return globalThis.berthDocker;
}

export interface PingResult {
  ok: boolean;
  address: string;
  version?: string;
  apiVersion?: string;
  error?: string;
}

/** Asks the engine for its version with a short deadline; never throws. */
export async function pingEngine(client: Docker = docker(), timeoutMs = 2000): Promise<PingResult> {
  const address = engineAddress().display;
  let timer: NodeJS.Timeout | undefined;
  try {
    const version = await Promise.race([
      client.version(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, address, version: version.Version, apiVersion: version.ApiVersion };
  } catch (err) {
    return { ok: false, address, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
