import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { logger } from '@/lib/log';
import { withDeadline } from '../deadline';
import { L } from '../labels';
import type { Engine, ContainerDetails, ContainerStats, EngineEvent, ExecResult } from '../engine';
import { docker } from './connection';
import { toCreateOptions } from './create-options';
import { attachedExec, execPipe } from './exec-pipe';
import { imageOps } from './images';
import { inspectNetwork } from './networks';
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

/** Kinds of engine call, each with its own deadline (ms); stop and remove add the graceful stop time. */
export const ENGINE_DEADLINES = {
  list: 30_000,
  inspect: 15_000,
  create: 60_000,
  start: 60_000,
  stop: 30_000,
  kill: 15_000,
  remove: 60_000,
  exec: 120_000,
  logs: 30_000,
  stats: 15_000,
  update: 15_000,
  events: 15_000,
};
export type EngineCallKind = keyof typeof ENGINE_DEADLINES;

export function dockerEngine(client: Docker = docker(), opts: { deadlines?: Partial<Record<EngineCallKind, number>> } = {}): Engine {
  const deadlines = { ...ENGINE_DEADLINES, ...opts.deadlines };
  /** No engine call may hang its caller (and the project lock it holds): each kind has a deadline. */
  const within = <T>(kind: EngineCallKind, what: string, fn: () => Promise<T>, extraMs = 0): Promise<T> =>
    withDeadline(fn(), deadlines[kind] + extraMs, () => `Docker did not answer "${what}" within ${Math.round((deadlines[kind] + extraMs) / 100) / 10} s`);
  async function execIn(idOrName: string, argv: string[], opts: { env?: string[]; stdin?: string; detach?: boolean }): Promise<ExecResult> {
    if (opts.detach) {
      const bg = await client.getContainer(idOrName).exec({ Cmd: argv, Env: opts.env });
      await bg.start({ Detach: true });
      return { exitCode: 0, stdout: '', stderr: '' };
    }
    const { exec, stream } = await attachedExec(client, idOrName, argv, { env: opts.env, stdin: opts.stdin !== undefined });
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
  }
  return {
    ...imageOps(client),
    async listContainers(labels) {
      const list = await within('list', 'list containers', () => client.listContainers({ all: true, filters: labelFilter(labels) }));
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
      const list = await within('list', 'list networks', () => client.listNetworks({ filters: labelFilter(labels) }));
      return list.map((n) => ({ id: n.Id, name: n.Name, labels: n.Labels ?? {} }));
    },
    async listVolumes(labels) {
      const { Volumes } = await within('list', 'list volumes', () => client.listVolumes({ filters: labelFilter(labels) }));
      return (Volumes ?? []).map((v) => ({ name: v.Name, labels: v.Labels ?? {} }));
    },
    async createNetwork(name, labels, opts) {
      // IPv6: Docker allocates the IPv4 subnet from its pools as usual; the IPv6 one is ours (the gateway is its ::1).
      const ipv6 = opts?.ipv6 ? { EnableIPv6: true, IPAM: { Driver: 'default', Config: [{ Subnet: opts.ipv6.subnet }] } } : {};
      await idempotent(`create network ${name}`, () => within('create', `create network ${name}`, () => client.createNetwork({ Name: name, Driver: 'bridge', Labels: labels, CheckDuplicate: true, ...ipv6 })), [409]);
    },
    inspectNetwork: (idOrName) => inspectNetwork(client, idOrName, (what, fn) => within('inspect', what, fn)),
    async createVolume(name, labels) {
      // Creating a volume that exists returns it (Docker's volume create is idempotent by name).
      await traced(`create volume ${name}`, () => within('create', `create volume ${name}`, () => client.createVolume({ Name: name, Labels: labels })));
    },
    async createContainer(spec, labels) {
      let container: Docker.Container;
      try {
        container = await traced(`create container ${spec.name}`, () => within('create', `create container ${spec.name}`, () => client.createContainer(toCreateOptions(spec, labels))));
      } catch (err) {
        if (statusCode(err) !== 409) throw err;
        // The name is taken. Ours with the same spec (another reconciler got there first): done.
        // Anything else is not ours to reuse or remove: say so instead of looping.
        const existing = await within('inspect', `inspect ${spec.name}`, () => client.getContainer(spec.name).inspect());
        const same = [L.project, L.specHash].every((k) => existing.Config.Labels?.[k] === labels[k]);
        if (!same) throw new Error(`a container named ${spec.name} exists that Berth did not create with this spec; remove it or rename it`);
        container = client.getContainer(existing.Id);
      }
      if (spec.running) await idempotent(`start ${spec.name}`, () => within('start', `start ${spec.name}`, () => container.start()));
      return container.id;
    },
    startContainer: (id) => idempotent(`start ${id}`, () => within('start', `start ${id}`, () => client.getContainer(id).start())),
    stopContainer: (id, t = 10) => idempotent(`stop ${id}`, () => within('stop', `stop ${id}`, () => client.getContainer(id).stop({ t }), t * 1000)),
    killContainer: (id, signal = 'SIGKILL') => idempotent(`kill ${id}`, () => within('kill', `kill ${id}`, () => client.getContainer(id).kill({ signal })), [404, 409]),
    async removeContainer(id, stopTimeoutSec = 10) {
      // Graceful first (the image's stop signal, e.g. SIGINT for PostgreSQL), then remove.
      if (stopTimeoutSec > 0) {
        await idempotent(`stop ${id}`, () => within('stop', `stop ${id}`, () => client.getContainer(id).stop({ t: stopTimeoutSec }), stopTimeoutSec * 1000), [404, 304, 409]);
      }
      await idempotent(`remove container ${id}`, () => within('remove', `remove container ${id}`, () => client.getContainer(id).remove({ force: true, v: false })), [404, 409]);
    },
    removeVolume: (name) => idempotent(`remove volume ${name}`, () => within('remove', `remove volume ${name}`, () => client.getVolume(name).remove({ force: true }))),
    removeNetwork: (id) => idempotent(`remove network ${id}`, () => within('remove', `remove network ${id}`, () => client.getNetwork(id).remove())),
    async inspectContainer(idOrName): Promise<ContainerDetails | undefined> {
      try {
        const c = await within('inspect', `inspect ${idOrName}`, () => client.getContainer(idOrName).inspect());
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
          healthTest: c.Config.Healthcheck?.Test,
          limits: { nanoCpus: c.HostConfig.NanoCpus ?? 0, memoryBytes: c.HostConfig.Memory ?? 0 },
          ips,
        };
      } catch (err) {
        if (statusCode(err) === 404) return undefined;
        throw err;
      }
    },
    execPipe: (idOrName, argv, opts) => traced(`exec ${argv[0] ?? ''} in ${idOrName}`, () => execPipe(client, idOrName, argv, opts)),
    exec: (idOrName, argv, opts = {}) => within('exec', `exec ${argv[0] ?? ''} in ${idOrName}`, () => execIn(idOrName, argv, opts)),
    async logs(idOrName, opts = {}) {
      const raw = await within('logs', `logs of ${idOrName}`, () =>
        client.getContainer(idOrName).logs({
          stdout: true,
          stderr: true,
          timestamps: true,
          follow: false,
          since: opts.sinceSec ?? 0,
          tail: opts.tail ?? 500,
        }),
      );
      return demuxLines(raw);
    },
    async stats(idOrName): Promise<ContainerStats | undefined> {
      try {
        const s: DockerStats = await within('stats', `stats of ${idOrName}`, () => client.getContainer(idOrName).stats({ stream: false }));
        return toStats(s);
      } catch (err) {
        if (statusCode(err) === 404 || statusCode(err) === 409) return undefined;
        throw err;
      }
    },
    async updateContainer(idOrName, limits) {
      await within('update', `update limits of ${idOrName}`, () =>
        client.getContainer(idOrName).update({
          NanoCpus: limits.nanoCpus,
          Memory: limits.memoryBytes,
          // Memory plus swap, as Docker sets it at create (twice the memory): raising the memory above it is refused.
          MemorySwap: limits.memoryBytes * 2,
          ...(limits.cpuShares ? { CpuShares: limits.cpuShares } : {}),
        }),
      );
    },
    async engineInfo() {
      const info = (await within('inspect', 'engine info', () => client.info())) as { NCPU?: number; MemTotal?: number };
      return { cpus: info.NCPU ?? 1, memoryBytes: info.MemTotal ?? 0 };
    },
    async watchEvents(onEvent, onError) {
      const stream = (await within('events', 'subscribe to events', () =>
        client.getEvents({ filters: JSON.stringify({ type: ['container'], label: [`${L.managed}=true`] }) }),
      )) as NodeJS.ReadableStream & { destroy(): void };
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
