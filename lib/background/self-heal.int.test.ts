import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { docker } from '@/lib/provisioner/docker/connection';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import type { Engine } from '@/lib/provisioner/engine';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, healthyAsShown, labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { eq } from 'drizzle-orm';
import { containers, services } from '@/lib/db/schema';
import { setEnv } from '@/lib/domain/env';
import { changeService, restartService } from '@/lib/domain/services';
import { healProject, startSelfHealer, type SelfHealer } from './self-heal';

const real = dockerEngine();
/** The real engine, with a handle to break the event stream as a dockerd restart would. */
let subscriptions = 0;
let breakStream: (() => void) | undefined;
const engine: Engine = {
  ...real,
  async watchEvents(onEvent, onError) {
    const stop = await real.watchEvents(onEvent, onError);
    subscriptions++;
    breakStream = () => {
      stop();
      onError(new Error('simulated dockerd restart'));
    };
    return stop;
  },
};

describe('self-healing', () => {
  let tdb: TestDb;
  let worker: Worker;
  let healer: SelfHealer;
  let userId: string;
  let projectId: string;
  let name: string;

  beforeAll(async () => {
    tdb = await createTestDb('pglite');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    healer = await startSelfHealer(tdb.db, engine, { intervalMs: 600_000, sweepOrphans: false, debounceMs: 50 });
    userId = (await createTestUser(tdb.db)).id;
    const { project } = await createProject(tdb.db, userId, { name: 'heal' });
    projectId = project.id;
    const { process } = await addService(tdb.db, userId, projectId, { hostname: 'app', type: 'nodejs@18' });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    name = (await labelAudit(engine, projectId)).containers[0]!;
  });
  afterAll(async () => {
    healer?.stop();
    const { process } = await deleteProject(tdb.db, userId, projectId);
    await waitProcess(tdb.db, process.id);
    await worker?.stop();
    await tdb?.dispose();
  });

  const healthy = async () => {
    const d = await engine.inspectContainer(name);
    return d?.health && healthyAsShown(d) ? d : undefined;
  };

  const restarts = async () => (await tdb.db.select().from(containers).where(eq(containers.name, name)))[0]?.restartCount;

  it('repairs a `docker kill`ed container with no user action, and counts the restart', async () => {
    const before = await healthy();
    expect(await restarts()).toBe(0);
    await docker().getContainer(name).kill({ signal: 'SIGKILL' });
    const after = await waitFor('killed container to run again', healthy, 60_000);
    expect(after.startedAt).not.toBe(before?.startedAt);
    await waitFor('the restart to be recorded', async () => (await restarts()) === 1);
  });

  it('recreates a `docker rm -f`ed container with no user action', async () => {
    const before = await healthy();
    await docker().getContainer(name).remove({ force: true });
    const after = await waitFor('removed container to be recreated', healthy, 60_000);
    expect(after.id).not.toBe(before?.id);
    expect((await labelAudit(engine, projectId)).containers).toEqual([name]);
    await waitFor('the second restart to be recorded', async () => (await restarts()) === 2);
  });

  it('subscribes again when the event stream ends, and still repairs', async () => {
    const before = subscriptions;
    breakStream!();
    await waitFor('a new subscription', async () => subscriptions > before, 30_000);
    const running = await healthy();
    await docker().getContainer(name).kill({ signal: 'SIGKILL' });
    const after = await waitFor('killed container to run again', healthy, 60_000);
    expect(after.startedAt).not.toBe(running?.startedAt);
    await waitFor('the third restart to be recorded', async () => (await restarts()) === 3);
  });

  it('does not replace a running container when a variable changes; the restart applies it', async () => {
    const [svc] = await tdb.db.select().from(services).where(eq(services.projectId, projectId));
    const before = await healthy();
    const counted = await restarts();
    const { process: envChange } = await setEnv(tdb.db, userId, projectId, svc!.id, { key: 'GREETING', value: 'hello' });
    expect((await waitProcess(tdb.db, envChange.id)).status).toBe('FINISHED');
    await healProject(tdb.db, engine, projectId); // what the periodic reconcile does
    expect((await engine.inspectContainer(name))?.id).toBe(before?.id);
    const { process: restart } = await restartService(tdb.db, userId, projectId, svc!.id);
    expect((await waitProcess(tdb.db, restart.id)).status).toBe('FINISHED');
    const after = await healthy();
    expect(after?.id).not.toBe(before?.id);
    expect((await engine.exec(name, ['printenv', 'GREETING'])).stdout.trim()).toBe('hello');
    expect(await restarts()).toBe(counted); // a restart someone asked for is not counted as a crash
  });

  it('new resources reach the running container in place (same container, no restart); a reconcile keeps it', async () => {
    const before = await healthy();
    const [svc] = await tdb.db.select().from(services).where(eq(services.projectId, projectId));
    const { process } = await changeService(tdb.db, userId, projectId, svc!.id, { action: 'stack.scale', set: { resources: { cpu: 0.4, memoryMb: 300 } } });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    const after = await engine.inspectContainer(name);
    expect(after).toMatchObject({ id: before!.id, startedAt: before!.startedAt, limits: { nanoCpus: 0.4e9, memoryBytes: 300 * 1024 * 1024 } });
    await healProject(tdb.db, engine, projectId);
    expect((await engine.inspectContainer(name))?.id).toBe(before!.id);
  });

  it("a replacement made by the periodic reconcile is not counted as a restart; a crash after it is", async () => {
    const [svc] = await tdb.db.select().from(services).where(eq(services.projectId, projectId));
    const before = await healthy();
    const counted = (await restarts())!;
    // The wanted spec changes without a process (what a Berth upgrade with a new spec does).
    await tdb.db.update(services).set({ generation: svc!.generation + 1 }).where(eq(services.id, svc!.id));
    await healProject(tdb.db, engine, projectId); // what the periodic reconcile does
    const replaced = await waitFor('the replacement to be healthy', healthy, 60_000);
    expect(replaced.id).not.toBe(before?.id);
    await docker().getContainer(name).kill({ signal: 'SIGKILL' });
    await waitFor('killed container to run again', async () => ((await healthy())?.startedAt !== replaced.startedAt ? healthy() : undefined), 60_000);
    await waitFor('the crash to be recorded', async () => (await restarts())! > counted);
    expect(await restarts()).toBe(counted + 1); // the crash; the replacement's death was not counted
  });
});
