import type Docker from 'dockerode';
import type { ContainerSpec } from '../spec';

/** Every container gets a PID limit (a fork bomb stays inside it) and rotated logs (a chatty one cannot fill the disk). */
export const CONTAINER_PIDS_LIMIT = 4096;
export const LOG_ROTATION = { 'max-size': '10m', 'max-file': '3' };
const ROTATING_DRIVERS = new Set(['json-file', 'local']);

function logConfig(logging: ContainerSpec['logging']): Docker.HostConfig['LogConfig'] {
  if (!logging) return { Type: 'json-file', Config: LOG_ROTATION };
  return { Type: logging.type, Config: ROTATING_DRIVERS.has(logging.type) ? { ...LOG_ROTATION, ...logging.config } : logging.config };
}

/** A wanted container as the Engine API's create options. */
export function toCreateOptions(spec: ContainerSpec, labels: Record<string, string>): Docker.ContainerCreateOptions {
  const h = spec.healthCheck;
  const ms = (n: number) => n * 1_000_000;
  return {
    name: spec.name,
    Image: spec.image,
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Cmd: spec.cmd,
    Entrypoint: spec.entrypoint,
    Labels: labels,
    Hostname: spec.network.mode === 'bridge' ? spec.name.slice(0, 63) : undefined,
    StopSignal: spec.stopSignal,
    WorkingDir: spec.workingDir,
    Healthcheck: h
      ? { Test: ['CMD', ...h.test], Interval: ms(h.intervalMs), Timeout: ms(h.timeoutMs), Retries: h.retries, StartPeriod: ms(h.startPeriodMs) }
      : undefined,
    HostConfig: {
      Mounts: [
        ...spec.mounts.map((m) => ({ Type: 'volume' as const, Source: m.volume, Target: m.path })),
        ...(spec.binds ?? []).map((b) => ({ Type: 'bind' as const, Source: b.host, Target: b.path, ReadOnly: b.readOnly })),
      ],
      NetworkMode: spec.network.mode === 'host' ? 'host' : spec.network.name,
      RestartPolicy: { Name: spec.restart },
      NanoCpus: spec.limits.nanoCpus || undefined,
      Memory: spec.limits.memoryBytes || undefined,
      LogConfig: logConfig(spec.logging),
      PidsLimit: CONTAINER_PIDS_LIMIT,
      Init: false,
    },
    NetworkingConfig:
      spec.network.mode === 'bridge'
        ? { EndpointsConfig: { [spec.network.name]: { Aliases: spec.network.aliases } } }
        : undefined,
  };
}
