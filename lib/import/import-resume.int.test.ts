import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processes, projects, services } from '@/lib/db/schema';
import { SimulatedCrash } from '@/lib/processes/context';
import { startWorker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { deleteProject } from '@/lib/domain/projects';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { importProject } from './apply';

const engine = dockerEngine();

const FILE = `project:
  name: resume
services:
  - hostname: cache
    type: redis@7.0
    priority: 5
  - hostname: app
    type: nodejs@18
`;

describe('project.import stops at a step boundary and resumes', () => {
  let tdb: TestDb;
  let userId: string;
  let projectId: string | undefined;

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    userId = (await createTestUser(tdb.db)).id;
  });
  afterAll(async () => {
    if (projectId) {
      const w = startWorker({ db: tdb.db, engine, pollMs: 100 });
      await waitProcess(tdb.db, (await deleteProject(tdb.db, userId, projectId)).process.id);
      expect(await labelAudit(engine, projectId)).toEqual({ containers: [], networks: [], volumes: [] });
      await w.stop();
    }
    await tdb.dispose();
  });

  it('a worker dying before the second priority group leaves the first; a rescuer finishes without creating anything twice', async () => {
    const db = tdb.db;
    let crashed = false;
    const dying = startWorker({
      db,
      engine,
      pollMs: 100,
      staleMs: 60_000,
      hooks: {
        atBoundary: (p, _i, name) => {
          if (p.action === 'project.import' && p.attempts === 1 && name === 'create app') {
            crashed = true;
            throw new SimulatedCrash('crash before the second group');
          }
        },
      },
    });
    const { project, process } = await importProject(db, userId, { yaml: FILE });
    projectId = project!.id;
    await waitFor('the crash', async () => crashed, 180_000);
    await dying.stop();
    const [afterCrash] = await db.select().from(processes).where(eq(processes.id, process!.id));
    expect(afterCrash!.status).toBe('RUNNING');
    expect((await db.select().from(services).where(eq(services.projectId, projectId))).map((s) => [s.hostname, s.status])).toEqual([['cache', 'ACTIVE']]);

    const rescuer = startWorker({ db, engine, pollMs: 100, staleMs: 1_000 });
    const done = await waitProcess(db, process!.id);
    await rescuer.stop();
    expect({ status: done.status, error: done.error, attempts: done.attempts }).toEqual({ status: 'FINISHED', error: null, attempts: 2 });
    const list = await db.select().from(services).where(eq(services.projectId, projectId));
    expect(list.map((s) => [s.hostname, s.status]).sort()).toEqual([['app', 'ACTIVE'], ['cache', 'ACTIVE']]);
    expect((await db.select().from(projects).where(eq(projects.id, projectId)))[0]!.status).toBe('ACTIVE');
    const names = (await labelAudit(engine, projectId)).containers;
    expect(names.filter((n) => n.includes('-cache-'))).toHaveLength(1);
    expect(names.filter((n) => n.includes('-app-'))).toHaveLength(1);
  }, 300_000);
});
