import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '@/lib/db/schema';
import { registerCoreHandlers } from '@/lib/processes/handlers';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { docker } from '@/lib/provisioner/docker/connection';
import { dockerRuntime } from '@/lib/provisioner/docker/docker-runtime';
import { loadProjectVars } from '@/lib/provisioner/wanted';
import { createProject, deleteProject } from '@/lib/services/projects';
import { addService } from '@/lib/services/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';

const runtime = dockerRuntime();
registerCoreHandlers();

describe('HA topologies', () => {
  let tdb: TestDb;
  let worker: Worker;
  let userId: string;
  let projectId: string;
  let names: string[];
  let vars: Awaited<ReturnType<typeof loadProjectVars>>;
  const byRole = (suffix: string) => names.find((n) => n.endsWith(suffix))!;

  beforeAll(async () => {
    tdb = await createTestDb('pglite');
    worker = startWorker({ db: tdb.db, runtime, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    const { project } = await createProject(tdb.db, userId, { name: 'ha' });
    projectId = project.id;
    const added = [
      await addService(tdb.db, userId, projectId, { hostname: 'db', type: 'postgresql@15', mode: 'HA' }),
      await addService(tdb.db, userId, projectId, { hostname: 'cache', type: 'redis@7.0', mode: 'HA' }),
    ];
    for (const a of added) expect((await waitProcess(tdb.db, a.process.id, 300_000)).status).toBe('FINISHED');
    names = (await labelAudit(runtime, projectId)).containers;
    vars = await loadProjectVars(tdb.db, projectId, await tdb.db.select().from(services).where(eq(services.projectId, projectId)));
  }, 360_000);
  afterAll(async () => {
    if (tdb && projectId) {
      const { process } = await deleteProject(tdb.db, userId, projectId);
      await waitProcess(tdb.db, process.id);
    }
    await worker?.stop();
    await tdb?.dispose();
  });

  it('runs 1 PostgreSQL primary + 2 replicas and 3 Redis nodes + 3 sentinels', () => {
    expect(names.filter((n) => /-db-(primary|replica)-\d$/.test(n))).toHaveLength(3);
    expect(names.filter((n) => /-cache-(primary|replica|sentinel)-\d$/.test(n))).toHaveLength(6);
  });

  it('PostgreSQL: a write on the primary is readable on each replica', async () => {
    const url = vars.services.db!.connectionString!;
    const primary = byRole('-db-primary-0');
    await runtime.exec(primary, ['psql', url, '-qtAc', "create table ha (v text); insert into ha values ('replicated')"]);
    for (const replica of [byRole('-db-replica-0'), byRole('-db-replica-1')]) {
      const local = url.replace('@db:', '@127.0.0.1:');
      const read = await waitFor(`row on ${replica}`, async () => {
        const r = await runtime.exec(replica, ['psql', local, '-qtAc', 'select v from ha']);
        return r.stdout.trim() === 'replicated' ? r : undefined;
      }, 30_000);
      expect(read.stdout.trim()).toBe('replicated');
      const ro = await runtime.exec(replica, ['psql', local, '-qtAc', "insert into ha values ('x')"]);
      expect(ro.stderr).toMatch(/read-only transaction/);
    }
  });

  it('Redis: stopping the primary promotes a replica through Sentinel and writes continue', async () => {
    const pw = vars.services.cache!.password!;
    const sentinel = byRole('-cache-sentinel-0');
    const cli = (host: string, ...args: string[]) => runtime.exec(sentinel, ['redis-cli', '-h', host, '--no-auth-warning', '-a', pw, ...args]);
    const master = async () =>
      (await runtime.exec(sentinel, ['redis-cli', '-p', '26379', 'SENTINEL', 'get-master-addr-by-name', 'primary'])).stdout.split('\n')[0]!.trim();
    expect(await master()).toBe('cache-primary-0');
    expect((await cli('cache-primary-0', 'SET', 'before', '1')).stdout.trim()).toBe('OK');

    await docker().getContainer(byRole('-cache-primary-0')).stop({ t: 1 });
    const promoted = await waitFor('a replica to be promoted', async () => {
      const m = await master();
      return m.startsWith('cache-replica-') ? m : undefined;
    }, 60_000, 500);
    const write = await waitFor('a write on the new primary', async () => {
      const r = await cli(promoted, 'SET', 'after', '2');
      return r.stdout.trim() === 'OK' ? r : undefined;
    }, 30_000, 500);
    expect(write.stdout.trim()).toBe('OK');
    expect((await cli(promoted, 'GET', 'before')).stdout.trim()).toBe('1');
  });
});
