import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeName } from '@/lib/core/edge';
import { registerProjectCore } from '@/lib/core';
import { scalingEvents, services } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { reconcileProject } from '@/lib/provisioner';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { containerName } from '@/lib/provisioner/labels';
import { setAutoscaling } from '@/lib/domain/autoscaling';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { httpGet, steadyLoad } from '@/lib/testing/load';
import { waitFor } from '@/lib/testing/wait';
import { startScaler, type Scaler } from './scaler';

const engine = dockerEngine();
registerProjectCore();
const MB = 1024 * 1024;

/**
 * A bounded CPU burn in the container: `processes` busy node processes for at most `seconds`
 * (several, so the container reaches its limit even when the shared host is contended). They stop
 * early when `stop(name)` creates the file they look for.
 */
const STOP_FILE = '/tmp/berth-test-stop';
const untilStopped = (seconds: number) =>
  `const fs = require('fs'); const end = Date.now() + ${seconds * 1000}; const stopped = () => Date.now() > end || fs.existsSync('${STOP_FILE}');`;
const burn = async (name: string, seconds: number, processes = 8) => {
  await engine.exec(name, ['rm', '-f', STOP_FILE]);
  for (let i = 0; i < processes; i++) {
    await engine.exec(name, ['node', '-e', `${untilStopped(seconds)} for (let n = 0; n % 1e6 !== 0 || !stopped(); n++) {}`], { detach: true });
  }
};

/** A bounded memory hold in the container: one node process keeping `mb` MB touched for at most `seconds`, or until `stop(name)`. */
const hold = async (name: string, mb: number, seconds: number) => {
  await engine.exec(name, ['rm', '-f', STOP_FILE]);
  await engine.exec(name, ['node', '-e', `${untilStopped(seconds)} const b = Buffer.alloc(${mb} * 1024 * 1024, 1); setInterval(() => stopped() && process.exit(b.length & 0), 200);`], { detach: true });
};

/** Ends a `burn` or `hold` in the container now. */
const stop = (name: string) => engine.exec(name, ['touch', STOP_FILE]);

describe('autoscaling on the real engine', () => {
  let tdb: TestDb;
  let worker: Worker;
  let scaler: Scaler;
  let userId: string;
  let projectId: string;
  let slug: string;

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    const { project, process } = await createProject(tdb.db, userId, { name: `autoscale ${Date.now().toString(36)}` });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    projectId = project.id;
    slug = project.slug;
    // Short windows so the test takes seconds: up after 2 hot readings, down after 4 cold ones.
    // Up thresholds leave room for a shared, contended host (a busy container may read well under its limit).
    scaler = startScaler(tdb.db, engine, { intervalMs: 500, upSamples: 2, downSamples: 4, addSamples: 2, removeSamples: 4, cpuUp: 0.5, addAbove: 0.6, removeBelow: 0.4, diskIntervalMs: 1_000 });
  }, 240_000);
  afterAll(async () => {
    scaler?.stop();
    if (projectId) {
      const { process } = await deleteProject(tdb.db, userId, projectId);
      await waitProcess(tdb.db, process.id);
    }
    await worker?.stop();
    await tdb?.dispose();
    await engine.removeContainer(edgeName());
  });

  const events = (serviceId: string, resource: string) =>
    tdb.db.select().from(scalingEvents).where(and(eq(scalingEvents.serviceId, serviceId), eq(scalingEvents.resource, resource as 'cpu'))).orderBy(scalingEvents.id);

  it('refuses settings out of range or above the host, naming the field and the limit', async () => {
    const { service, process } = await addService(tdb.db, userId, projectId, { hostname: 'refused', type: 'nodejs@18', autoscaling: { minCpu: 0.25, maxCpu: 0.5 } });
    await waitProcess(tdb.db, process.id);
    const refusal = async (raw: unknown) => {
      try {
        await setAutoscaling(tdb.db, userId, projectId, service.id, raw);
      } catch (err) {
        if (isAppError(err)) return { message: err.message, fields: Object.keys(err.fieldErrors ?? {}) };
        throw err;
      }
      throw new Error('accepted');
    };
    expect(await refusal({ maxCpu: 512 })).toEqual({ message: expect.stringMatching(/^maxCpu: at most \d+ CPU cores \(the host has \d+\)$/), fields: ['maxCpu'] });
    expect((await refusal({ maxRam: 100_000 })).message).toMatch(/^maxRam: at most [\d.]+ GB \(the host has/);
    expect((await refusal({ maxContainers: 11 })).fields).toEqual(['maxContainers']);
    expect((await refusal({ cpuMode: 'TURBO' })).fields).toEqual(['cpuMode']);
    await expect(addService(tdb.db, userId, projectId, { hostname: 'refused2', type: 'postgresql@15', autoscaling: { maxContainers: 3 } })).rejects.toThrow(
      /autoscaling\.maxContainers: PostgreSQL runs a fixed topology/,
    );
    const [row] = await tdb.db.select().from(services).where(eq(services.id, service.id));
    expect(row!.autoscaling).toEqual({ minCpu: 0.25, maxCpu: 0.5 });
  }, 120_000);

  it('raises a busy runtime’s CPU in place (same container, same start), keeps it through a reconcile, and lowers it after', async () => {
    const { service, process } = await addService(tdb.db, userId, projectId, { hostname: 'cpu', type: 'nodejs@18', autoscaling: { minCpu: 0.25, maxCpu: 1, minRam: 0.25, maxRam: 0.5 } });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    const name = containerName(projectId, 'cpu-runtime-0');
    const before = (await engine.inspectContainer(name))!;
    expect(before.limits?.nanoCpus).toBe(0.25e9);
    await burn(name, 20);
    const raised = await waitFor('a CPU scale-up', async () => {
      const d = await engine.inspectContainer(name);
      return d && (d.limits?.nanoCpus ?? 0) > 0.25e9 ? d : undefined;
    }, 30_000);
    expect(raised.id).toBe(before.id);
    expect(raised.startedAt).toBe(before.startedAt);
    expect(raised.restartCount).toBe(before.restartCount);
    // The scaled limits are not drift: a reconcile keeps the container.
    await reconcileProject(tdb.db, engine, projectId);
    const after = (await engine.inspectContainer(name))!;
    expect(after.id).toBe(before.id);
    expect(after.limits!.nanoCpus).toBeGreaterThan(0.25e9);
    const up = await events(service.id, 'cpu');
    expect(up.some((e) => e.direction === 'up' && e.fromValue === 0.25 && e.containerName === name)).toBe(true);
    await stop(name);
    // The burn ended; after the longer cold window the limit comes back down to minCpu, in halving
    // steps of one cold window each (a contended host stretches every stats reading to seconds).
    const lowered = await waitFor('the CPU scaled back down', async () => {
      const d = await engine.inspectContainer(name);
      return d && d.limits?.nanoCpus === 0.25e9 ? d : undefined;
    }, 150_000);
    expect(lowered.id).toBe(before.id);
    expect(lowered.startedAt).toBe(before.startedAt);
    expect((await events(service.id, 'cpu')).some((e) => e.direction === 'down')).toBe(true);
  }, 300_000);

  it('gives a PostgreSQL whose working set grows more memory without a restart, keeping minFreeRam free', async () => {
    const minFreeMb = 64;
    const { service, process } = await addService(tdb.db, userId, projectId, {
      hostname: 'db',
      type: 'postgresql@15',
      // maxDisk below the fresh cluster's size: watched (no quota on local volumes), so a warning.
      autoscaling: { minCpu: 0.5, maxCpu: 0.5, minRam: 0.25, maxRam: 1, minFreeRamGB: minFreeMb / 1024, maxDisk: 0.01 },
    });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    const name = containerName(projectId, 'db-main-0');
    const before = (await engine.inspectContainer(name))!;
    expect(before.limits?.memoryBytes).toBe(256 * MB);
    // Sessions that each hold 40 MB for 40 s, one every 3 s: the working set grows by ~240 MB.
    const hold = `SELECT length(x), pg_sleep(40) FROM (SELECT repeat('x', 40000000) AS x) s`;
    const line = `for i in 1 2 3 4 5 6; do PGPASSWORD="$POSTGRES_PASSWORD" psql -h 127.0.0.1 -U "$POSTGRES_USER" -d postgres -c "${hold}" >/dev/null 2>&1 & sleep 3; done; wait`;
    await engine.exec(name, ['sh', '-c', line], { detach: true });
    let worstFreeMb = Infinity;
    const grown = await waitFor('memory scaled above 384 MB', async () => {
      const [d, s] = await Promise.all([engine.inspectContainer(name), engine.stats(name)]);
      if (d?.limits && s) worstFreeMb = Math.min(worstFreeMb, (d.limits.memoryBytes - s.memoryBytes) / MB);
      return d && (d.limits?.memoryBytes ?? 0) >= 384 * MB && s && s.memoryBytes > 200 * MB ? d : undefined;
    }, 60_000, 500);
    expect(grown.id).toBe(before.id);
    expect(grown.startedAt).toBe(before.startedAt);
    expect(grown.restartCount).toBe(0);
    const ups = (await events(service.id, 'ram')).filter((e) => e.direction === 'up');
    expect(ups.length).toBeGreaterThan(0);
    // Every new limit left at least minFreeRam above the usage it answered.
    for (const e of ups) {
      const used = Number(/memory use (\d+)/.exec(e.reason)?.[1]);
      expect(e.toValue - used).toBeGreaterThanOrEqual(minFreeMb);
    }
    expect(worstFreeMb).toBeGreaterThanOrEqual(minFreeMb);
    const [warn] = await waitFor('a disk warning', async () => {
      const list = (await events(service.id, 'disk')).filter((e) => e.direction === 'warn');
      return list.length ? list : undefined;
    }, 30_000);
    expect(warn!.reason).toMatch(/^volumes use [\d.]+ GB of maxDisk 0\.01 GB/);
    console.log(`postgres memory: ${ups.map((e) => `${e.fromValue}→${e.toValue} MB`).join(', ')}; least free seen ${Math.round(worstFreeMb)} MB`);
  }, 180_000);

  it('grows a min 1 / max 3 runtime under memory pressure with no failed request under loopback load, and returns to one container', async () => {
    const { service, process } = await addService(tdb.db, userId, projectId, {
      hostname: 'web',
      type: 'nodejs@18',
      subdomainAccess: true,
      autoscaling: { minCpu: 0.25, maxCpu: 0.25, minRam: 0.25, maxRam: 0.25, minContainers: 1, maxContainers: 3 },
    });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    const host = `web-${slug}.${env.BERTH_DOMAIN}`;
    await waitFor('the runtime via the edge', async () => (await httpGet(env.BERTH_HTTP_PORT, host)).status === 200, 30_000);
    // Paced requests (about 40 a second per client): they check the routing, the burn drives the scaling.
    const paced = async () => {
      const ok = (await httpGet(env.BERTH_HTTP_PORT, host)).status === 200;
      await new Promise((r) => setTimeout(r, 25));
      return ok;
    };
    const load = steadyLoad(paced, { clients: 2, maxMs: 150_000, maxRequests: 20_000 });
    const count = async () => (await labelAudit(engine, projectId)).containers.filter((n) => n.includes('-web-runtime-')).length;
    // The working set of the first container grows to ~0.75 of its memory limit until the second
    // container comes (a contended shared host cannot promise CPU readings; memory readings are exact).
    await hold(containerName(projectId, 'web-runtime-0'), 150, 20);
    await waitFor('a second container', async () => (await count()) > 1, 60_000, 250);
    await stop(containerName(projectId, 'web-runtime-0'));
    await waitFor('back to one container', async () => {
      const [row] = await tdb.db.select().from(services).where(eq(services.id, service.id));
      return row!.containerCount === 1 && (await count()) === 1;
    }, 90_000, 250).catch(async (err: Error) => {
      throw new Error(`${err.message}; events: ${JSON.stringify(await events(service.id, 'containers'))}`);
    });
    const stats = await load.stop();
    console.log(`horizontal: ${stats.sent} requests, ${stats.failed} failed, longest gap ${stats.maxGapMs} ms`);
    expect(stats.sent).toBeGreaterThan(50);
    expect(stats.failed).toBe(0);
    const moves = await waitFor('the scale-in recorded', async () => {
      const list = (await events(service.id, 'containers')).map((e) => `${e.direction} ${e.fromValue}→${e.toValue}`);
      return list.at(-1)?.startsWith('down') ? list : undefined;
    }, 10_000);
    expect(moves).toContain('up 1→2');
    expect(moves.at(-1)).toMatch(/^down \d→1$/);
  }, 240_000);
});
