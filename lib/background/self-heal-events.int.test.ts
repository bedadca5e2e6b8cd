import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '@/lib/db/schema';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { docker } from '@/lib/provisioner/docker/connection';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { setEnv } from '@/lib/domain/env';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService, restartService, startService, stopService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { startSelfHealer, type SelfHealer } from './self-heal';

const engine = dockerEngine();

/**
 * The healer's debounce and periodic pass are set far beyond the test's deadlines: only the
 * immediate repair on a container's `die`/`destroy` event can bring a container back in time.
 */
describe('self-healing on engine events', () => {
  let tdb: TestDb;
  let worker: Worker;
  let healer: SelfHealer;
  let userId: string;
  let projectId: string;
  let serviceId: string;
  let name: string;

  beforeAll(async () => {
    tdb = await createTestDb('pglite');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    const { project } = await createProject(tdb.db, userId, { name: 'heal events' });
    projectId = project.id;
    const { process } = await addService(tdb.db, userId, projectId, { hostname: 'app', type: 'nodejs@18' });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    serviceId = (await tdb.db.select().from(services).where(eq(services.projectId, projectId)))[0]!.id;
    name = (await labelAudit(engine, projectId)).containers[0]!;
    healer = await startSelfHealer(tdb.db, engine, { intervalMs: 3_600_000, sweepOrphans: false, debounceMs: 3_600_000 });
  });
  afterAll(async () => {
    healer?.stop();
    const { process } = await deleteProject(tdb.db, userId, projectId);
    await waitProcess(tdb.db, process.id);
    await worker?.stop();
    await tdb?.dispose();
  });

  const running = async () => {
    const d = await engine.inspectContainer(name);
    return d?.state === 'running' ? d : undefined;
  };

  it('restarts a killed container on its `die` event, with no periodic pass and no debounce; it starts with every CPU, then has its own limit', async () => {
    const before = await waitFor('the container running', running, 30_000);
    expect(before.limits?.nanoCpus).toBe(0.5e9);
    const updates: string[] = [];
    const unwatch = await engine.watchEvents((e) => {
      if (e.labels.name === name && e.action === 'update') updates.push(e.action);
    }, () => {});
    try {
      await docker().getContainer(name).kill({ signal: 'SIGKILL' });
      const after = await waitFor('the killed container running again', async () => {
        const d = await running();
        return d && d.startedAt !== before.startedAt ? d : undefined;
      }, 20_000);
      expect(after.id).toBe(before.id);
      // The limit lifted for the start and put back once it answered: two updates, the limit as before.
      await waitFor('the boost and its end', async () => updates.length >= 2, 20_000);
      expect((await engine.inspectContainer(name))?.limits?.nanoCpus).toBe(0.5e9);
    } finally {
      unwatch();
    }
  });

  it('recreates a removed container on its `destroy` event, with no periodic pass and no debounce', async () => {
    const before = await waitFor('the container running', running, 30_000);
    await docker().getContainer(name).remove({ force: true });
    const after = await waitFor('the removed container recreated', async () => {
      const d = await running();
      return d && d.id !== before.id ? d : undefined;
    }, 20_000);
    expect(after.name).toBe(name);
  });

  it('keeps a stopped service stopped: its `die` starts no repair that restarts it', async () => {
    await waitFor('the container running', running, 30_000);
    const { process: stop } = await stopService(tdb.db, userId, projectId, serviceId);
    expect((await waitProcess(tdb.db, stop.id)).status).toBe('FINISHED');
    await healer.sweep(); // what any repair does now: the wanted state says stopped
    expect((await engine.inspectContainer(name))?.state).toBe('exited');
    const { process: start } = await startService(tdb.db, userId, projectId, serviceId);
    expect((await waitProcess(tdb.db, start.id)).status).toBe('FINISHED');
  });

  it('leaves a crash-looping container to the engine’s back-off (no tight restart loop from the healer)', async () => {
    // Node refuses to start with a preload module that does not exist: every start crashes at once.
    const { process: env } = await setEnv(tdb.db, userId, projectId, serviceId, { key: 'NODE_OPTIONS', value: '--require /nonexistent-module' });
    expect((await waitProcess(tdb.db, env.id)).status).toBe('FINISHED');
    const { process: restart } = await restartService(tdb.db, userId, projectId, serviceId);
    await waitProcess(tdb.db, restart.id);
    const base = (await engine.inspectContainer(name))!.restartCount;
    const t = Date.now();
    await waitFor('four more crashes', async () => ((await engine.inspectContainer(name))?.restartCount ?? 0) >= base + 4, 60_000, 20);
    // The engine waits 100, 200, 400, 800 ms … between restarts; restarts on every `die` would not.
    expect(Date.now() - t).toBeGreaterThan(1_000);
    // A start's CPU boost ends with the start, also when the start crashed: no boost is kept into the next one.
    await waitFor('the own CPU limit between crashes', async () => (await engine.inspectContainer(name))?.limits?.nanoCpus === 0.5e9, 10_000, 20);
  });
});
