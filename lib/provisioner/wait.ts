import net from 'node:net';
import { TimeoutError, retryUntil, systemClock, type Clock } from './clock';
import type { ContainerDetails, Engine } from './engine';
import { markProbedReady, shownHealth } from './ready';

export interface WaitOptions {
  timeoutMs?: number;
  clock?: Clock;
  /** Runs between polls (process step boundary: cancel, deadline). */
  between?: () => Promise<void>;
}

/** A container that will not become ready by waiting longer (unhealthy, crash-looping, gone). */
export class ContainerFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContainerFailed';
  }
}

/** Readiness of one container; `forHealthCheck` is the default (testcontainers' shape). */
export interface WaitStrategy {
  readonly name: string;
  waitUntilReady(engine: Engine, container: string, opts?: WaitOptions): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 180_000;
/** Restarts during one wait after which a container counts as crash-looping. */
const CRASH_LOOP_RESTARTS = 3;

function describe(d: ContainerDetails | undefined): string {
  if (!d) return 'gone';
  const health = d.health ? `, health ${d.health}` : '';
  const exit = d.state === 'exited' && d.exitCode !== undefined ? ` (exit code ${d.exitCode})` : '';
  return `${d.state}${exit}${health}`;
}

async function poll<T>(
  what: string,
  fn: () => Promise<T>,
  ready: (v: T) => boolean,
  last: (v: T | undefined) => string,
  opts: WaitOptions,
  maxIntervalMs = 250,
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return retryUntil(fn, ready, (v) => new TimeoutError(`${what} not ready after ${Math.round(timeoutMs / 1000)} s: ${last(v)}`), {
    timeoutMs,
    intervalMs: 50,
    maxIntervalMs,
    clock: opts.clock ?? systemClock,
    between: opts.between,
  });
}

/** The argument array of a Docker health check's command (`NONE` and an inherited one have none). */
export function healthArgv(test: string[] | undefined): string[] | undefined {
  const [kind, ...rest] = test ?? [];
  if (kind === 'CMD' && rest.length) return rest;
  if (kind === 'CMD-SHELL' && rest[0]) return ['sh', '-c', rest[0]];
  return undefined;
}

/** How often a wait runs the health check itself while Docker still says `starting`, and how long one run may take. */
const PROBE_EVERY_MS = 150;
const PROBE_TIMEOUT_MS = 5_000;

/** Whether `argv` exits 0 in the container within PROBE_TIMEOUT_MS (a run that hangs counts as a fail). */
export async function passes(engine: Engine, container: string, argv: string[]): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS)));
  const run = engine.exec(container, argv).then((r) => r.exitCode === 0, () => false);
  try {
    return await Promise.race([run, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Running, and healthy when the image or spec has a health check. Fails fast on `unhealthy` or a
 * crash loop. Docker runs the first check one whole interval after the start (this engine has no
 * shorter start interval), so while it says `starting` the wait runs the same command itself
 * through exec: a pass counts as healthy, and is remembered for the container's observed status.
 */
export function forHealthCheck(): WaitStrategy {
  return {
    name: 'health check',
    async waitUntilReady(engine, container, opts = {}) {
      let baseRestarts: number | undefined;
      let probedAt = 0;
      const probe = async (d: ContainerDetails): Promise<boolean> => {
        const argv = healthArgv(d.healthTest);
        if (!argv || Date.now() - probedAt < PROBE_EVERY_MS) return false;
        probedAt = Date.now();
        const passed = await passes(engine, d.name, argv);
        if (passed) markProbedReady(d.id, d.startedAt);
        return passed;
      };
      await poll<ContainerDetails | undefined>(
        `container ${container}`,
        async () => {
          const d = await engine.inspectContainer(container);
          baseRestarts ??= d?.restartCount ?? 0;
          if (d?.health === 'unhealthy') {
            throw new ContainerFailed(`container ${d.name} is unhealthy${d.healthLog ? `: ${d.healthLog}` : ''}`);
          }
          if (d && d.restartCount - baseRestarts >= CRASH_LOOP_RESTARTS) {
            throw new ContainerFailed(`container ${d.name} keeps restarting (${describe(d)})`);
          }
          if (d?.state === 'running' && shownHealth(d) === 'starting' && (await probe(d))) return { ...d, health: 'healthy' };
          return d && { ...d, health: shownHealth(d) };
        },
        (d) => !!d && d.state === 'running' && (!d.health || d.health === 'healthy'),
        describe,
        opts,
        PROBE_EVERY_MS,
      );
    },
  };
}

/** A line of the container's output matches `pattern`. */
export function forLog(pattern: RegExp): WaitStrategy {
  return {
    name: `log ${pattern}`,
    async waitUntilReady(engine, container, opts = {}) {
      await poll(
        `container ${container}`,
        async () => (await engine.logs(container, { tail: 500 })).some((l) => pattern.test(l.line)),
        (found) => found,
        () => `no output line matches ${pattern}`,
        opts,
      );
    },
  };
}

function connects(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: timeoutMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** A TCP connection from the host to the container's address on `network` succeeds. */
export function forPort(port: number, network: string): WaitStrategy {
  return {
    name: `port ${port}`,
    async waitUntilReady(engine, container, opts = {}) {
      await poll(
        `port ${port} of ${container}`,
        async () => {
          const ip = (await engine.inspectContainer(container))?.ips[network];
          return ip ? connects(ip, port) : false;
        },
        (ok) => ok,
        () => 'connection refused or no address',
        opts,
      );
    },
  };
}
