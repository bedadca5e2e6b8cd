import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser } from '@/lib/testing/engine';
import { createProject } from './projects';
import { defaultQuota, setDefaultQuota, setUserQuota, usageOf } from './quotas';
import { addService, scaleService } from './services';

describe('per-user quotas', () => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb('pglite');
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('refuses projects, services, containers, CPU and memory beyond the quota, naming the limit; admins set defaults and per-user quotas', async () => {
    const admin = await createTestUser(tdb.db, 'admin');
    const user = await createTestUser(tdb.db);
    await expect(setDefaultQuota(tdb.db, user.id, { projects: 99, services: 99, containers: 99, cpu: 99, memoryMb: 99 })).rejects.toThrow(/Only an admin/);
    await setDefaultQuota(tdb.db, admin.id, { projects: 1, services: 5, containers: 5, cpu: 8, memoryMb: 8192 });
    expect((await defaultQuota(tdb.db)).projects).toBe(1);

    const { project } = await createProject(tdb.db, user.id, { name: 'quota one' });
    await expect(createProject(tdb.db, user.id, { name: 'quota two' })).rejects.toThrow(/^Quota reached: this needs 1 more projects, you use 1 of 1\./);

    await setUserQuota(tdb.db, admin.id, user.id, { projects: 1, services: 2, containers: 3, cpu: 1, memoryMb: 100_000 });
    const { service } = await addService(tdb.db, user.id, project.id, { hostname: 'app', type: 'nodejs@18', resources: { cpu: 0.25, memoryMb: 256 } });
    await expect(scaleService(tdb.db, user.id, project.id, service.id, { containerCount: 4 })).rejects.toThrow(/Quota reached: this needs 3 more containers, you use 1 of 3/);
    await scaleService(tdb.db, user.id, project.id, service.id, { containerCount: 3 });
    await expect(addService(tdb.db, user.id, project.id, { hostname: 'big', type: 'nodejs@18', resources: { cpu: 0.5, memoryMb: 256 } })).rejects.toThrow(
      /Quota reached: this needs 1 more containers/,
    );
    await setUserQuota(tdb.db, admin.id, user.id, { projects: 1, services: 2, containers: 10, cpu: 1, memoryMb: 100_000 });
    await expect(addService(tdb.db, user.id, project.id, { hostname: 'big', type: 'nodejs@18', resources: { cpu: 0.5, memoryMb: 256 } })).rejects.toThrow(
      /Quota reached: this needs 0.5 more CPU cores, you use 0.75 of 1/,
    );
    expect(await usageOf(tdb.db, user.id)).toEqual({ projects: 1, services: 1, containers: 3, cpu: 0.75, memoryMb: 768 });
    // Back to the default; admins have no quota.
    await setUserQuota(tdb.db, admin.id, user.id, null);
    await expect(createProject(tdb.db, user.id, { name: 'quota three' })).rejects.toThrow(/Quota reached/);
    await createProject(tdb.db, admin.id, { name: 'admin one' });
    await createProject(tdb.db, admin.id, { name: 'admin two' });
  });

  it('refuses more CPU per container than the server has', async () => {
    const cores = os.availableParallelism();
    if (cores >= 16) return; // the form's own limit (16) comes first on such a server
    const admin = await createTestUser(tdb.db, 'admin');
    const { project } = await createProject(tdb.db, admin.id, { name: 'cpu check' });
    await expect(addService(tdb.db, admin.id, project.id, { hostname: 'hungry', type: 'nodejs@18', resources: { cpu: cores + 1, memoryMb: 256 } })).rejects.toThrow(
      new RegExp(`resources: at most ${cores} CPUs`),
    );
  });
});
