import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processes } from '@/lib/db/schema';
import { SimulatedCrash } from '@/lib/processes/context';
import { registerCoreHandlers } from '@/lib/processes/handlers';
import { startWorker } from '@/lib/processes/worker';
import { dockerRuntime } from '@/lib/provisioner/docker/docker-runtime';
import { cancelProcess } from '@/lib/services/processes';
import { createProject, deleteProject } from '@/lib/services/projects';
import { addService } from '@/lib/services/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';

const runtime = dockerRuntime();
registerCoreHandlers();

describe('crash safety of stack.create', () => {
  let tdb: TestDb;
  let userId: string;
  let projectId: string;

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    userId = (await createTestUser(tdb.db)).id;
    const w = startWorker({ db: tdb.db, runtime, pollMs: 100 });
    const { project, process } = await createProject(tdb.db, userId, { name: 'crash' });
    await waitProcess(tdb.db, process.id);
    await w.stop();
    projectId = project.id;
  });
  afterAll(async () => {
    const w = startWorker({ db: tdb.db, runtime, pollMs: 100 });
    const { process } = await deleteProject(tdb.db, userId, projectId);
    await waitProcess(tdb.db, process.id);
    await w.stop();
    await tdb.dispose();
  });

  // Boundaries of stack.create for one runtime container: before converge, before the create step,
  // after converge, and inside the health wait. A worker dies at each in turn; a new one resumes.
  it.each([0, 1, 2, 3, 4])('a worker killed at step boundary %i leaves exactly the wanted objects after resume', async (boundary) => {
    const db = tdb.db;
    const hostname = `web${boundary}`;
    let crashed!: () => void;
    const crash = new Promise<void>((r) => (crashed = r));
    const dying = startWorker({
      db,
      runtime,
      pollMs: 100,
      staleMs: 60_000,
      hooks: {
        atBoundary: (p, index) => {
          if (p.action === 'stack.create' && p.attempts === 1 && index === boundary) {
            crashed();
            throw new SimulatedCrash(`crash at boundary ${index}`);
          }
        },
      },
    });
    const { process } = await addService(db, userId, projectId, { hostname, type: 'nodejs@18' });
    await crash;
    await dying.stop();
    const [afterCrash] = await db.select().from(processes).where(eq(processes.id, process.id));
    expect(afterCrash!.status).toBe('RUNNING'); // its worker is gone; nobody finished it

    const rescuer = startWorker({ db, runtime, pollMs: 100, staleMs: 1_000 });
    const done = await waitProcess(db, process.id);
    await rescuer.stop();
    expect(done.status).toBe('FINISHED');
    expect(done.attempts).toBe(2);

    const audit = await labelAudit(runtime, projectId);
    const mine = audit.containers.filter((n) => n.includes(`-${hostname}-`));
    expect(mine).toEqual([expect.stringMatching(new RegExp(`-${hostname}-runtime-0$`))]);
    expect(audit.networks).toHaveLength(1);
  });

  it('cancel stops a running process at the next step boundary', async () => {
    const db = tdb.db;
    const w = startWorker({ db, runtime, pollMs: 100 });
    const { process } = await addService(db, userId, projectId, { hostname: 'cancelme', type: 'postgresql@15' });
    await waitFor('process to run', async () => (await db.select().from(processes).where(eq(processes.id, process.id)))[0]?.status === 'RUNNING');
    await cancelProcess(db, userId, projectId, process.id);
    const done = await waitProcess(db, process.id);
    await w.stop();
    expect(done.status).toBe('CANCELED');
  });
});
