import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { services } from '@/lib/db/schema';
import { enqueueProcess } from '@/lib/processes/enqueue';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { docker } from '@/lib/provisioner/docker/connection';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { projectLocked } from '@/lib/provisioner';
import { L } from '@/lib/provisioner/labels';
import type { Engine } from '@/lib/provisioner/engine';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { startSelfHealer, type SelfHealer } from './self-heal';

const real = dockerEngine();
/** The real engine, except that listing one project's containers never answers while `hungProject` is set. */
let hungProject: string | undefined;
const engine: Engine = {
  ...real,
  listContainers: (labels) => (hungProject && labels[L.project] === hungProject ? new Promise(() => {}) : real.listContainers(labels)),
  // No events: only the periodic pass can repair, which is what the test is about.
  watchEvents: async () => () => {},
};

describe('a hung engine call', () => {
  let tdb: TestDb;
  let worker: Worker;
  let healer: SelfHealer;
  let userId: string;
  const projects: { id: string; name: string }[] = [];

  beforeAll(async () => {
    tdb = await createTestDb('pglite');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    healer = await startSelfHealer(tdb.db, engine, { intervalMs: 600_000, sweepOrphans: false });
    userId = (await createTestUser(tdb.db)).id;
    for (const name of ['stuck', 'other']) {
      const { project } = await createProject(tdb.db, userId, { name: `hung-${name}` });
      const { process } = await addService(tdb.db, userId, project.id, { hostname: 'app', type: 'nodejs@18' });
      expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
      projects.push({ id: project.id, name: project.name });
    }
  });
  afterAll(async () => {
    hungProject = undefined;
    healer?.stop();
    for (const p of projects) await waitProcess(tdb.db, (await deleteProject(tdb.db, userId, p.id)).process.id);
    await worker?.stop();
    await tdb?.dispose();
  });

  it("fails the process by its own deadline, and the next pass still heals another project", async () => {
    const [stuck, other] = projects as [{ id: string; name: string }, { id: string; name: string }];
    const [svc] = await tdb.db.select().from(services).where(eq(services.projectId, stuck.id));
    hungProject = stuck.id;
    const started = Date.now();
    const p = await enqueueProcess(tdb.db, { projectId: stuck.id, projectName: stuck.name, serviceId: svc!.id, action: 'stack.restart', deadlineMs: 3_000 });
    await waitFor('the stuck process to hold its project lock', async () => projectLocked(stuck.id));

    // While the stuck project's lock is held, another project's container disappears.
    const [victim] = (await labelAudit(engine, other.id)).containers;
    await docker().getContainer(victim!).remove({ force: true });
    await healer.sweep();
    const healed = await waitFor('the other project to be repaired by the pass', async () => (await engine.inspectContainer(victim!))?.state === 'running', 30_000);
    expect(healed).toBe(true);

    const done = await waitProcess(tdb.db, p.id, 30_000);
    expect(done.status).toBe('FAILED');
    expect(done.error).toMatch(/Deadline of 3 s passed during listing containers/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
