import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { logger } from '@/lib/log';
import { L } from '../labels';
import type { Runtime, ContainerDetails, ContainerStats, EngineEvent, ExecResult } from '../runtime';
import type { ContainerSpec } from '../spec';
import { docker } from './connection';
import { imageOps } from './images';
import { demuxLines, toStats, type DockerStats } from './parse';

const log = logger('docker');

const labelFilter = (labels: Record<string, string>) =>
  JSON.stringify({ label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) });

export function statusCode(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'statusCode' in err ? Number(err.statusCode) : undefined;
}

/** Logs before and after each engine call that changes something (debug), and failures (warn); rethrows. */
async function traced<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  log.debug(`${what}…`);
  try {
    const result = await fn();
    log.debug(`${what} done`, { ms: Math.round(performance.now() - t) });
    return result;
  } catch (err) {
    log.debug(`${what} failed`, { ms: Math.round(performance.now() - t), status: statusCode(err) });
    throw err;
  }
}

/** 404 (gone) and 304 (already in that state) mean the effect already holds. */
async function idempotent(what: string, fn: () => Promise<unknown>, ok: number[] = [404, 304]): Promise<void> {
  try {
    await traced(what, fn);
  } catch (err) {
    if (ok.includes(statusCode(err) ?? 0)) return;
    log.warn(`${what} failed`, { error: err instanceof Error ? err.message : String(err) });
    throw err;
  }
}

function toCreateOptions(spec: ContainerSpec, labels: Record<string, string>): Docker.ContainerCreateOptions {
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
      LogConfig: spec.logging ? { Type: spec.logging.type, Config: spec.logging.config } : undefined,
      Init: false,
    },
    NetworkingConfig:
      spec.network.mode === 'bridge'
        ? { EndpointsConfig: { [spec.network.name]: { Aliases: spec.network.aliases } } }
        : undefined,
  };
}

export function dockerRuntime(client: Docker = docker()): Runtime {
  return {
    ...imageOps(client),
    async listContainers(labels) {
      const list = await client.listContainers({ all: true, filters: labelFilter(labels) });
      return list.map((c) => ({
        id: c.Id,
        name: (c.Names[0] ?? '').replace(/^\//, ''),
        labels: c.Labels ?? {},
        state: c.State,
        health: /\((healthy|unhealthy|health: starting)\)/.exec(c.Status)?.[1]?.replace('health: ', ''),
        restartCount: 0,
      }));
    },
    async listNetworks(labels) {
      const list = await client.listNetworks({ filters: labelFilter(labels) });
      return list.map((n) => ({ id: n.Id, name: n.Name, labels: n.Labels ?? {} }));
    },
    async listVolumes(labels) {
      const { Volumes } = await client.listVolumes({ filters: labelFilter(labels) });
      return (Volumes ?? []).map((v) => ({ name: v.Name, labels: v.Labels ?? {} }));
    },
    async createNetwork(name, labels) {
      await idempotent(`create network ${name}`, () => client.createNetwork({ Name: name, Driver: 'bridge', Labels: labels, CheckDuplicate: true }), [409]);
    },
    async createVolume(name, labels) {
      // Creating a volume that exists returns it (Docker's volume create is idempotent by name).
      await traced(`create volume ${name}`, () => client.createVolume({ Name: name, Labels: labels }));
    },
    async createContainer(spec, labels) {
      let container: Docker.Container;
      try {
        container = await traced(`create container ${spec.name}`, () => client.createContainer(toCreateOptions(spec, labels)));
      } catch (err) {
        if (statusCode(err) !== 409) throw err;
        // The name is taken. Ours with the same spec (another reconciler got there first): done.
        // Anything else is not ours to reuse or remove: say so instead of looping.
        const existing = await client.getContainer(spec.name).inspect();
        const same = [L.project, L.specHash].every((k) => existing.Config.Labels?.[k] === labels[k]);
        if (!same) throw new Error(`a container named ${spec.name} exists that Berth did not create with this spec; remove it or rename it`);
        container = client.getContainer(existing.Id);
      }
      if (spec.running) await idempotent(`start ${spec.name}`, () => container.start());
      return container.id;
    },
    startContainer: (id) => idempotent(`start ${id}`, () => client.getContainer(id).start()),
    stopContainer: (id, t = 10) => idempotent(`stop ${id}`, () => client.getContainer(id).stop({ t })),
    killContainer: (id, signal = 'SIGKILL') => idempotent(`kill ${id}`, () => client.getContainer(id).kill({ signal }), [404, 409]),
    async removeContainer(id, stopTimeoutSec = 10) {
      // Graceful first (the image's stop signal, e.g. SIGINT for PostgreSQL), then remove.
      if (stopTimeoutSec > 0) await idempotent(`stop ${id}`, () => client.getContainer(id).stop({ t: stopTimeoutSec }), [404, 304, 409]);
      await idempotent(`remove container ${id}`, () => client.getContainer(id).remove({ force: true, v: false }), [404, 409]);
    },
    removeVolume: (name) => idempotent(`remove volume ${name}`, () => client.getVolume(name).remove({ force: true })),
    removeNetwork: (id) => idempotent(`remove network ${id}`, () => client.getNetwork(id).remove()),
    async inspectContainer(idOrName): Promise<ContainerDetails | undefined> {
      try {
        const c = await client.getContainer(idOrName).inspect();
        const ips: Record<string, string> = {};
        for (const [net, ep] of Object.entries(c.NetworkSettings.Networks ?? {})) if (ep.IPAddress) ips[net] = ep.IPAddress;
        return {
          id: c.Id,
          name: c.Name.replace(/^\//, ''),
          labels: c.Config.Labels ?? {},
          state: c.State.Status,
          health: c.State.Health?.Status,
          restartCount: c.RestartCount,
          image: c.Config.Image,
          startedAt: c.State.StartedAt,
          exitCode: c.State.ExitCode,
          healthLog: c.State.Health?.Log?.at(-1)?.Output?.trim().slice(-500) || undefined,
          ips,
        };
      } catch (err) {
        if (statusCode(err) === 404) return undefined;
        throw err;
      }
    },
    async exec(idOrName, argv, opts = {}): Promise<ExecResult> {
      if (opts.detach) {
        const bg = await client.getContainer(idOrName).exec({ Cmd: argv, Env: opts.env });
        await bg.start({ Detach: true });
        return { exitCode: 0, stdout: '', stderr: '' };
      }
      const exec = await client.getContainer(idOrName).exec({
        Cmd: argv,
        Env: opts.env,
        AttachStdout: true,
        AttachStderr: true,
        AttachStdin: opts.stdin !== undefined,
      });
      const stream = await exec.start({ hijack: true, stdin: opts.stdin !== undefined });
      const out = new PassThrough();
      const err = new PassThrough();
      const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
      out.on('data', (b: Buffer) => chunks.out.push(b));
      err.on('data', (b: Buffer) => chunks.err.push(b));
      client.modem.demuxStream(stream, out, err);
      if (opts.stdin !== undefined) stream.end(opts.stdin);
      await new Promise<void>((resolve, reject) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', reject);
      });
      const info = await exec.inspect();
      return {
        exitCode: info.ExitCode ?? -1,
        stdout: Buffer.concat(chunks.out).toString('utf8'),
        stderr: Buffer.concat(chunks.err).toString('utf8'),
      };
    },
    async logs(idOrName, opts = {}) {
      const raw = (await client.getContainer(idOrName).logs({
        stdout: true,
        stderr: true,
        timestamps: true,
        follow: false,
        since: opts.sinceSec ?? 0,
        tail: opts.tail ?? 500,
      })) as unknown as Buffer;
      return demuxLines(raw);
    },
    async stats(idOrName): Promise<ContainerStats | undefined> {
      try {
        const s = (await client.getContainer(idOrName).stats({ stream: false })) as unknown as DockerStats;
        return toStats(s);
      } catch (err) {
        if (statusCode(err) === 404 || statusCode(err) === 409) return undefined;
        throw err;
      }
    },
    async watchEvents(onEvent, onError) {
      const stream = (await client.getEvents({
        filters: JSON.stringify({ type: ['container'], label: [`${L.managed}=true`] }),
      })) as NodeJS.ReadableStream & { destroy(): void };
      let buffer = '';
      stream.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (!line) continue;
          try {
            const e = JSON.parse(line) as { Action?: string; id?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } };
            const event: EngineEvent = { action: e.Action ?? '', containerId: e.Actor?.ID ?? e.id ?? '', labels: e.Actor?.Attributes ?? {} };
            onEvent(event);
          } catch {
            // partial or foreign line: ignore
          }
        }
      });
      // The stream ends when dockerd restarts: report it once, so the caller can subscribe again.
      let over = false;
      const end = (err: Error) => {
        if (over) return;
        over = true;
        onError(err);
      };
      stream.on('error', (err: Error) => end(err));
      stream.on('end', () => end(new Error('event stream closed')));
      stream.on('close', () => end(new Error('event stream closed')));
      return () => {
        over = true;
        stream.destroy();
      };
    },
  };
}
