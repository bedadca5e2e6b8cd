import crypto from 'node:crypto';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { randomPassword } from '@/lib/crypto/secrets';
import { env } from '@/lib/env';
import { docker } from '@/lib/provisioner/docker/connection';
import { resolveTypeVersion } from '../index';
import type { ContainerTemplate, ContainersForInput } from '../types';

/**
 * Integration-test helper: runs catalog types straight from `containersFor` on a fresh labelled network
 * with dockerode (no provisioner, no database), so the catalog and the local images are tested alone.
 * Names follow the provisioner's: container alias `<hostname>-<role>-<ordinal>`, the service hostname on
 * the containers with `serviceAlias`. Everything made carries the test-run labels and is removed by dispose().
 */
export interface StackContainer {
  name: string;
  alias: string;
  template: ContainerTemplate;
  env: Record<string, string>;
  mounts: { volume: string; path: string }[];
}

export interface StackService {
  hostname: string;
  vars: Record<string, string>;
  containers: StackContainer[];
  /** The container with this `<role>-<ordinal>`, e.g. 'primary-0', 'main-0'. */
  at(roleOrdinal: string): StackContainer;
}

export interface AddOptions {
  mode?: 'HA' | 'NON_HA';
  containerCount?: number;
  port?: number;
  sharedMounts?: ContainersForInput['sharedMounts'];
  /** Generates the passwords instead of the random default (a test's awkward value). */
  password?: () => string;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const labels = (): Record<string, string> => ({
  'berth.catalog-test': '1',
  ...(env.BERTH_RUN_ID ? { 'berth.test-run': env.BERTH_RUN_ID } : {}),
  ...(env.BERTH_TEST_PID ? { 'berth.test-pid': env.BERTH_TEST_PID } : {}),
});
const ns = (ms: number) => ms * 1_000_000;
const statusCode = (err: unknown) => (err as { statusCode?: number }).statusCode;

export class CatalogStack {
  readonly id = `bct-${crypto.randomBytes(4).toString('hex')}`;
  private readonly client: Docker = docker();
  private network?: string;
  private readonly made = { containers: new Set<string>(), volumes: new Set<string>() };

  async init(): Promise<this> {
    const net = await this.client.createNetwork({ Name: this.id, Driver: 'bridge', Labels: labels() });
    this.network = net.id;
    return this;
  }

  /** Generates the type's variables, creates and starts every container it wants (not waiting for health). */
  async add(hostname: string, typeVersion: string, opts: AddOptions = {}): Promise<StackService> {
    const { entry, version } = resolveTypeVersion(typeVersion);
    const mode = opts.mode ?? 'NON_HA';
    const generated = entry.generate({ hostname, serviceId: `svc-${hostname}`, projectId: this.id, mode, password: opts.password ?? (() => randomPassword()) });
    const vars = Object.fromEntries(Object.entries(generated).map(([k, v]) => [k, v.value]));
    const templates = entry.containersFor({
      hostname,
      version,
      mode,
      containerCount: opts.containerCount ?? 1,
      source: 'local',
      generated: vars,
      port: opts.port,
      sharedMounts: opts.sharedMounts,
    });
    const containers: StackContainer[] = [];
    for (const template of templates) {
      const alias = `${hostname}-${template.role}-${template.ordinal}`;
      const mounts = template.volumes.map((v) => ({
        volume: v.name.startsWith('@') ? v.name.slice(1) : this.volumeName(`${alias}-${v.name}`),
        path: v.mountPath,
      }));
      const c: StackContainer = { name: `${this.id}-${alias}`, alias, template, env: { ...vars, ...template.env }, mounts };
      await this.create(c, hostname);
      containers.push(c);
    }
    const at = (ro: string) => {
      const found = containers.find((c) => c.alias === `${hostname}-${ro}`);
      if (!found) throw new Error(`${hostname} has no ${ro}; has ${containers.map((c) => c.alias).join(', ')}`);
      return found;
    };
    return { hostname, vars, containers, at };
  }

  /** The docker volume name for a stack-local volume (also used to share storage between services). */
  volumeName(suffix: string): string {
    return `${this.id}-${suffix}`;
  }

  private async create(c: StackContainer, hostname: string): Promise<void> {
    for (const m of c.mounts) {
      if (this.made.volumes.has(m.volume)) continue;
      await this.client.createVolume({ Name: m.volume, Labels: labels() });
      this.made.volumes.add(m.volume);
    }
    const h = c.template.healthCheck;
    const created = await this.client.createContainer({
      name: c.name,
      Image: c.template.image,
      Env: Object.entries(c.env).map(([k, v]) => `${k}=${v}`),
      Cmd: c.template.cmd,
      Entrypoint: c.template.entrypoint,
      StopSignal: c.template.stopSignal,
      Labels: labels(),
      Healthcheck: h
        ? { Test: ['CMD', ...h.test], Interval: ns(h.intervalMs), Timeout: ns(h.timeoutMs), Retries: h.retries, StartPeriod: ns(h.startPeriodMs) }
        : undefined,
      HostConfig: {
        NetworkMode: this.id,
        Mounts: c.mounts.map((m) => ({ Type: 'volume', Source: m.volume, Target: m.path })),
      },
      NetworkingConfig: {
        EndpointsConfig: {
          [this.id]: { Aliases: [c.alias, ...(c.template.serviceAlias ? [hostname] : []), ...(c.template.aliases ?? [])] },
        },
      },
    });
    this.made.containers.add(c.name);
    await created.start();
  }

  /**
   * Stops a container gracefully (SIGTERM or the image's STOPSIGNAL, 30 s before SIGKILL), removes it (its
   * volumes stay) and creates it again from the same template. Returns the stopped process's exit code.
   */
  async recreate(c: StackContainer, hostname: string): Promise<number> {
    const container = this.client.getContainer(c.name);
    await container.stop({ t: 30 }).catch((err: unknown) => {
      if (statusCode(err) !== 304) throw err;
    });
    const exitCode = (await container.inspect()).State.ExitCode;
    await container.remove({ force: true, v: false });
    await this.create(c, hostname);
    return exitCode;
  }

  async stop(c: StackContainer): Promise<void> {
    await this.client.getContainer(c.name).stop({ t: 5 });
  }

  /**
   * Waits until every container reports healthy (or, without a health check, runs). While Docker
   * says `starting` (its first check comes one interval after the start), the wait runs the check
   * itself, as Berth's own health wait does. Fails fast on `unhealthy` or an exited container, with
   * the last health output and the log tail.
   */
  async waitHealthy(containers: StackContainer[], timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const pending = new Set(containers);
    while (pending.size) {
      for (const c of [...pending]) {
        const info = await this.client.getContainer(c.name).inspect();
        const health = info.State.Health?.Status;
        const check = c.template.healthCheck;
        if (health === 'healthy' || (!check && info.State.Running)) pending.delete(c);
        else if (health === 'starting' && check && (await this.exec(c, check.test).catch(() => undefined))?.exitCode === 0) pending.delete(c);
        else if (health === 'unhealthy' || !info.State.Running) {
          const out = info.State.Health?.Log?.at(-1)?.Output?.trim() ?? '';
          throw new Error(`${c.alias} is ${health ?? info.State.Status}: ${out}\n${await this.logs(c)}`);
        }
      }
      if (!pending.size) return;
      if (Date.now() > deadline) {
        const names = [...pending].map((c) => c.alias).join(', ');
        throw new Error(`Timed out after ${timeoutMs} ms waiting for ${names} to be healthy\n${await this.logs([...pending][0]!)}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  async logs(c: StackContainer, tail = 40): Promise<string> {
    const raw = await this.client.getContainer(c.name).logs({ stdout: true, stderr: true, tail, follow: false });
    return demux(raw);
  }

  /** Runs argv (never a shell string) in a container of the stack. */
  async exec(c: StackContainer, argv: string[], extraEnv: Record<string, string> = {}): Promise<ExecResult> {
    const exec = await this.client.getContainer(c.name).exec({
      Cmd: argv,
      Env: Object.entries(extraEnv).map(([k, v]) => `${k}=${v}`),
      AttachStdout: true,
      AttachStderr: true,
    });
    const stream = await exec.start({ hijack: true, stdin: false });
    const out = new PassThrough();
    const err = new PassThrough();
    const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
    out.on('data', (b: Buffer) => chunks.out.push(b));
    err.on('data', (b: Buffer) => chunks.err.push(b));
    this.client.modem.demuxStream(stream, out, err);
    await new Promise<void>((resolve, reject) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', reject);
    });
    const info = await exec.inspect();
    return { exitCode: info.ExitCode ?? -1, stdout: Buffer.concat(chunks.out).toString('utf8'), stderr: Buffer.concat(chunks.err).toString('utf8') };
  }

  /** Removes every container, volume and the network this stack made. */
  async dispose(): Promise<void> {
    for (const name of this.made.containers) {
      await this.client.getContainer(name).remove({ force: true, v: true }).catch((err: unknown) => {
        if (statusCode(err) !== 404) throw err;
      });
    }
    for (const name of this.made.volumes) {
      await this.client.getVolume(name).remove().catch((err: unknown) => {
        if (statusCode(err) !== 404) throw err;
      });
    }
    if (this.network) await this.client.getNetwork(this.network).remove().catch(() => {});
  }
}

/** Docker's multiplexed log stream (8-byte frame headers) → text. */
function demux(raw: Buffer): string {
  const parts: Buffer[] = [];
  let i = 0;
  while (i + 8 <= raw.length) {
    const size = raw.readUInt32BE(i + 4);
    parts.push(raw.subarray(i + 8, i + 8 + size));
    i += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}

export const createStack = () => new CatalogStack().init();
