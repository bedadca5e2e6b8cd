import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { addService } from '@/lib/domain/services';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { createTestDb, testDrivers, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';

const engine = dockerEngine();

describe.each(testDrivers)('provisioning through processes (%s)', (driver) => {
  let tdb: TestDb;
  let worker: Worker;

  beforeAll(async () => {
    tdb = await createTestDb(driver);
    worker = startWorker({ db: tdb.db, engine, pollMs: 200 });
  });
  afterAll(async () => {
    await worker?.stop();
    await tdb?.dispose();
  });

  it('creates PostgreSQL and a Node.js runtime whose env references ${db_connectionString}, then deletes everything', async () => {
    const db = tdb.db;
    const user = await createTestUser(db);
    const { project, process: created } = await createProject(db, user.id, { name: `engine ${driver}` });
    expect((await waitProcess(db, created.id)).status).toBe('FINISHED');

    const pg = await addService(db, user.id, project.id, { hostname: 'db', type: 'postgresql@15' });
    const app = await addService(db, user.id, project.id, {
      hostname: 'app',
      type: 'nodejs@18',
      env: [{ key: 'DATABASE_URL', value: '${db_connectionString}', secret: false }],
    });
    for (const p of [pg.process, app.process]) {
      const done = await waitProcess(db, p.id);
      expect(done.error).toBeNull();
      expect(done.status).toBe('FINISHED');
    }

    const appContainer = (await labelAudit(engine, project.id)).containers.find((n) => n.endsWith('app-runtime-0'))!;
    const printed = await engine.exec(appContainer, ['printenv', 'DATABASE_URL']);
    const url = printed.stdout.trim();
    expect(url).toMatch(/^postgresql:\/\/db:[A-Za-z0-9]+@db:5432\/db$/);
    // The app container reaches the database; the runtime image has no psql, so the URL's query runs in the database's container.
    expect((await engine.exec(appContainer, ['nc', '-z', '-w', '5', 'db', '5432'])).exitCode).toBe(0);
    const dbContainer = (await labelAudit(engine, project.id)).containers.find((n) => n.endsWith('-db-main-0'))!;
    const query = await engine.exec(dbContainer, ['psql', url, '-qtAc', 'create table t (x int); insert into t values (42); select x from t']);
    expect(query.stderr).toBe('');
    expect(query.stdout.trim()).toBe('42');

    const before = await labelAudit(engine, project.id);
    expect(before.containers).toHaveLength(2);
    expect(before.volumes).toHaveLength(1);
    expect(before.networks).toHaveLength(1);

    const { process: deleting } = await deleteProject(db, user.id, project.id);
    expect((await waitProcess(db, deleting.id)).status).toBe('FINISHED');
    expect(await labelAudit(engine, project.id)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
