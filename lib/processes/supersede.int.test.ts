import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processes } from '@/lib/db/schema';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService, deleteService, restartService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';

const engine = dockerEngine();

/** Holds a restart at its `reconciled` boundary until the test lets it go. */
function restartGate() {
  let reached!: () => void;
  let release!: () => void;
  const state = {
    reached: new Promise<void>((resolve) => (reached = resolve)),
    released: new Promise<void>((resolve) => (release = resolve)),
    release: () => release(),
  };
  const atBoundary = async (p: { action: string }, _i: number, name: string) => {
    if (p.action !== 'stack.restart' || name !== 'reconciled') return;
    reached();
    await state.released;
  };
  return { state, atBoundary };
}

/**
 * A deletion supersedes a restart still running for what it deletes: the restart is canceled at its
 * next step boundary instead of waiting for containers the deleted target no longer has, and the
 * deletion finishes at once rather than queueing behind it.
 */
describe('a deletion supersedes work in flight', () => {
  let tdb: TestDb;
  let worker: Worker;
  let userId: string;
  let gate = restartGate();

  const added = async (projectId: string, hostname: string) => {
    const { service, process } = await addService(tdb.db, userId, projectId, { hostname, type: 'nodejs@18' });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    return service.id;
  };
  const restartHeld = async (projectId: string, serviceId: string) => {
    gate = restartGate();
    const { process } = await restartService(tdb.db, userId, projectId, serviceId);
    await gate.state.reached;
    const [row] = await tdb.db.select().from(processes).where(eq(processes.id, process.id));
    expect(row?.status).toBe('RUNNING');
    return process.id;
  };

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100, hooks: { atBoundary: (p, i, name) => gate.atBoundary(p, i, name) } });
    userId = (await createTestUser(tdb.db)).id;
  });
  afterAll(async () => {
    gate.state.release();
    await worker.stop();
    await tdb.dispose();
  });

  it('deleting a service cancels its running restart, then removes it', async () => {
    const { project, process } = await createProject(tdb.db, userId, { name: 'supersede service' });
    await waitProcess(tdb.db, process.id);
    const serviceId = await added(project.id, 'app');
    const restart = await restartHeld(project.id, serviceId);
    const { process: del } = await deleteService(tdb.db, userId, project.id, serviceId);
    gate.state.release();
    expect((await waitProcess(tdb.db, restart, 30_000)).status).toBe('CANCELED');
    expect((await waitProcess(tdb.db, del.id, 60_000)).status).toBe('FINISHED');
    expect((await labelAudit(engine, project.id)).containers.filter((n) => n.includes('-app-'))).toEqual([]);
    await waitProcess(tdb.db, (await deleteProject(tdb.db, userId, project.id)).process.id);
  });

  it('deleting a project cancels a running restart and a queued one, then removes everything', async () => {
    const { project, process } = await createProject(tdb.db, userId, { name: 'supersede project' });
    await waitProcess(tdb.db, process.id);
    const [a, b] = [await added(project.id, 'one'), await added(project.id, 'two')];
    const running = await restartHeld(project.id, a);
    const { process: queued } = await restartService(tdb.db, userId, project.id, b);
    const { process: del } = await deleteProject(tdb.db, userId, project.id);
    expect((await waitProcess(tdb.db, queued.id, 1_000)).status).toBe('CANCELED');
    gate.state.release();
    expect((await waitProcess(tdb.db, running, 30_000)).status).toBe('CANCELED');
    const done = await waitProcess(tdb.db, del.id, 60_000);
    expect(done.error).toBeNull();
    expect(done.status).toBe('FINISHED');
    expect(await labelAudit(engine, project.id)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
