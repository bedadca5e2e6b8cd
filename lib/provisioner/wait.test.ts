import { describe, expect, it } from 'vitest';
import { TimeoutError, fakeClock, retryUntil } from './clock';
import type { ContainerDetails, Engine } from './engine';
import { ContainerFailed, forHealthCheck, forLog, healthArgv } from './wait';

/** A runtime that answers inspect/logs from a script of states, one per call. */
function scripted(states: Partial<ContainerDetails>[], lines: string[][] = [], execs: { argv: string[]; exitCode: number }[] = []): Engine {
  let i = 0;
  let j = 0;
  const details = (over: Partial<ContainerDetails>): ContainerDetails => ({
    id: 'c1',
    name: 'c1',
    labels: {},
    state: 'running',
    restartCount: 0,
    image: 'x',
    ips: {},
    ...over,
  });
  const partial: Pick<Engine, 'inspectContainer' | 'logs' | 'exec'> = {
    exec: async (_name, argv) => {
      const exitCode = execs.length ? execs[0]!.exitCode : 1;
      execs.push({ argv, exitCode });
      return { exitCode, stdout: '', stderr: '' };
    },
    inspectContainer: async () => details(states[Math.min(i++, states.length - 1)]!),
    logs: async () => (lines[Math.min(j++, lines.length - 1)] ?? []).map((line) => ({ at: '', stream: 'stdout' as const, line })),
  };
  return partial as Engine;
}

describe('retryUntil', () => {
  it('returns the first accepted value, backing off between attempts', async () => {
    const clock = fakeClock();
    let n = 0;
    const v = await retryUntil(async () => ++n, (x) => x === 4, () => new Error('no'), { timeoutMs: 10_000, intervalMs: 100, clock });
    expect(v).toBe(4);
    expect(clock.slept).toEqual([100, 200, 400]);
  });

  it('throws the onTimeout error with the last value once the time is up', async () => {
    const clock = fakeClock();
    const run = retryUntil(async () => 'starting', () => false, (last) => new TimeoutError(`still ${last}`), { timeoutMs: 1_000, clock });
    await expect(run).rejects.toThrow('still starting');
    expect(clock.now()).toBeGreaterThanOrEqual(1_000);
  });

  it('runs the between hook at every pause, and stops when it throws', async () => {
    const clock = fakeClock();
    let calls = 0;
    const run = retryUntil(async () => 0, () => false, () => new Error('timeout'), {
      timeoutMs: 60_000,
      clock,
      between: async () => {
        if (++calls === 3) throw new Error('canceled');
      },
    });
    await expect(run).rejects.toThrow('canceled');
    expect(calls).toBe(3);
  });
});

describe('forHealthCheck', () => {
  const wait = (rt: Engine, timeoutMs = 60_000) => forHealthCheck().waitUntilReady(rt, 'c1', { clock: fakeClock(), timeoutMs });

  it('is ready when running and healthy', async () => {
    await expect(wait(scripted([{ health: 'starting' }, { health: 'starting' }, { health: 'healthy' }]))).resolves.toBeUndefined();
  });

  it('while Docker says starting, runs the check itself and is ready when it passes', async () => {
    const execs = [{ argv: [] as string[], exitCode: 0 }];
    const starting = { health: 'starting', healthTest: ['CMD', 'pg_isready', '-h', '127.0.0.1'], startedAt: 't0' };
    await expect(wait(scripted([starting], [], execs))).resolves.toBeUndefined();
    expect(execs.at(-1)!.argv).toEqual(['pg_isready', '-h', '127.0.0.1']);
  });

  it('keeps waiting while its own run of the check fails', async () => {
    const execs = [{ argv: [] as string[], exitCode: 1 }];
    const starting = { health: 'starting', healthTest: ['CMD-SHELL', 'nc -z 127.0.0.1 5432'], startedAt: 't1' };
    await expect(wait(scripted([starting], [], execs), 2_000)).rejects.toThrow(/not ready after/);
    expect(execs.slice(1).map((e) => e.argv)).toContainEqual(['sh', '-c', 'nc -z 127.0.0.1 5432']);
  });

  it('is ready when running without a health check', async () => {
    await expect(wait(scripted([{ state: 'created' }, { state: 'running' }]))).resolves.toBeUndefined();
  });

  it('fails at once when Docker reports unhealthy, with the check output', async () => {
    const run = wait(scripted([{ health: 'starting' }, { health: 'unhealthy', healthLog: 'connection refused' }]));
    await expect(run).rejects.toThrow(ContainerFailed);
    await expect(wait(scripted([{ health: 'unhealthy', healthLog: 'connection refused' }]))).rejects.toThrow(
      'container c1 is unhealthy: connection refused',
    );
  });

  it('fails when the container keeps restarting', async () => {
    const states = [0, 1, 2, 3].map((restartCount) => ({ state: 'restarting', restartCount }));
    await expect(wait(scripted(states))).rejects.toThrow('keeps restarting');
  });

  it('times out with the last state it saw', async () => {
    await expect(wait(scripted([{ state: 'exited', exitCode: 1 }]), 5_000)).rejects.toThrow(/not ready after 5 s: exited \(exit code 1\)/);
  });
});

describe('forLog', () => {
  it('waits for a matching output line', async () => {
    const rt = scripted([], [[], ['booting'], ['booting', 'ready to accept connections']]);
    await expect(forLog(/ready to accept/).waitUntilReady(rt, 'c1', { clock: fakeClock() })).resolves.toBeUndefined();
  });
});

describe('healthArgv', () => {
  it('turns Docker\'s health test into an exec argument array', () => {
    expect(healthArgv(['CMD', 'redis-cli', 'ping'])).toEqual(['redis-cli', 'ping']);
    expect(healthArgv(['CMD-SHELL', 'pg_isready || exit 1'])).toEqual(['sh', '-c', 'pg_isready || exit 1']);
    expect(healthArgv(['NONE'])).toBeUndefined();
    expect(healthArgv([])).toBeUndefined();
    expect(healthArgv(undefined)).toBeUndefined();
  });
});
