import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDbHandle } from '@/lib/db';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { createApiToken } from '@/lib/domain/api-tokens';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { callRoute, listRouteFiles } from '@/lib/testing/routes';
import { waitFor } from '@/lib/testing/wait';

/**
 * Acceptance through the REST API only (route handlers with real Requests, a real worker, real Docker):
 * project → PostgreSQL + Node.js runtime referencing ${db_connectionString} → a real client connects
 * from inside the runtime → delete → the label audit is empty. One driver keeps the int budget small;
 * the same flow on both drivers through lib/ is in lib/processes/engine.int.test.ts.
 */
const engine = dockerEngine();
const routes = listRouteFiles();
const route = (template: string) => routes.find((r) => r.template === template)!.file;

interface ProcessJson {
  id: string;
  status: string;
  error: string | null;
}

describe('REST API acceptance on the real engine (postgres)', () => {
  let tdb: TestDb;
  let worker: Worker;
  let token = '';

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    useDbHandle(tdb);
    worker = startWorker({ db: tdb.db, engine, pollMs: 200 });
    const user = await createTestUser(tdb.db);
    token = (await createApiToken(tdb.db, user.id, { name: 'acceptance' })).token;
  });
  afterAll(async () => {
    await worker?.stop();
    await tdb?.dispose();
  });

  const api = (template: string, method: string, params: Record<string, string>, body?: unknown) =>
    callRoute(route(template), method, params, { token, body });

  /** Polls GET /processes/{id} until the process ends; returns it with its step log. */
  const finished = async (projectId: string, processId: string) => {
    const done = await waitFor(
      `process ${processId}`,
      async () => {
        const res = await api('/projects/{projectId}/processes/{processId}', 'GET', { projectId, processId });
        const json = res.json as { process: ProcessJson; log: unknown[] };
        return ['FINISHED', 'FAILED', 'CANCELED'].includes(json.process.status) ? json : undefined;
      },
      180_000,
      300,
    );
    expect({ status: done.process.status, error: done.process.error }).toEqual({ status: 'FINISHED', error: null });
    expect(done.log.length).toBeGreaterThan(0);
    return done;
  };

  it('creates, connects with a real client through the resolved reference, and deletes without leftovers', async () => {
    const created = await api('/projects', 'POST', {}, { name: 'api acceptance' });
    expect(created.status).toBe(202);
    const { project, process } = created.json as { project: { id: string }; process: ProcessJson };
    const projectId = project.id;
    await finished(projectId, process.id);

    const db = await api('/projects/{projectId}/services', 'POST', { projectId }, { hostname: 'db', type: 'postgresql@15' });
    expect(db.status).toBe(202);
    const app = await api('/projects/{projectId}/services', 'POST', { projectId }, {
      hostname: 'app',
      type: 'nodejs@18',
      env: [{ key: 'DATABASE_URL', value: '${db_connectionString}' }],
    });
    expect(app.status).toBe(202);
    for (const r of [db, app]) await finished(projectId, (r.json as { process: ProcessJson }).process.id);

    // The generated password is a secret: masked in the API listing.
    const dbId = (db.json as { service: { id: string } }).service.id;
    const dbEnv = await api('/projects/{projectId}/services/{serviceId}/env', 'GET', { projectId, serviceId: dbId });
    const vars = (dbEnv.json as { variables: { key: string; value: string; secret: boolean }[] }).variables;
    expect(vars.find((v) => v.key === 'password')).toMatchObject({ secret: true, value: '••••••••' });

    const listed = await api('/projects/{projectId}/containers', 'GET', { projectId });
    expect(listed.status).toBe(200);

    const appContainer = (await labelAudit(engine, projectId)).containers.find((n) => n.endsWith('app-runtime-0'));
    expect(appContainer).toBeDefined();
    const url = (await engine.exec(appContainer!, ['printenv', 'DATABASE_URL'])).stdout.trim();
    expect(url).toMatch(/^postgresql:\/\/db:[A-Za-z0-9]+@db:5432\/db$/);
    // The app container reaches the database; the runtime image has no psql, so the URL's query runs in the database's container.
    expect((await engine.exec(appContainer!, ['nc', '-z', '-w', '5', 'db', '5432'])).exitCode).toBe(0);
    const dbContainer = (await labelAudit(engine, projectId)).containers.find((n) => n.endsWith('-db-main-0'))!;
    const query = await engine.exec(dbContainer, ['psql', url, '-qtAc', 'create table t (x int); insert into t values (7); select x from t']);
    expect(query.stderr).toBe('');
    expect(query.stdout.trim()).toBe('7');

    const before = await labelAudit(engine, projectId);
    expect({ containers: before.containers.length, networks: before.networks.length, volumes: before.volumes.length }).toEqual({
      containers: 2,
      networks: 1,
      volumes: 1,
    });

    const deleted = await api('/projects/{projectId}', 'DELETE', { projectId });
    expect(deleted.status).toBe(202);
    // project.delete removes the project row (its processes stay, detached), so the API can no longer
    // show that process: read it from the database, then check the API answers 404 for the project.
    const gone = await waitProcess(tdb.db, (deleted.json as { process: ProcessJson }).process.id);
    expect({ status: gone.status, error: gone.error }).toEqual({ status: 'FINISHED', error: null });
    await waitFor('the project to be gone', async () => (await api('/projects/{projectId}', 'GET', { projectId })).status === 404, 120_000);
    expect(await labelAudit(engine, projectId)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 600_000);
});
