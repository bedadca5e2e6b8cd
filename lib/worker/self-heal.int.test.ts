import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCoreHandlers } from '@/lib/processes/handlers';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { docker } from '@/lib/provisioner/docker/connection';
import { dockerRuntime } from '@/lib/provisioner/docker/docker-runtime';
import { createProject, deleteProject } from '@/lib/services/projects';
import { addService } from '@/lib/services/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { startSelfHealer, type SelfHealer } from './self-heal';

const runtime = dockerRuntime();
registerCoreHandlers();

describe('self-healing', () => {
  let tdb: TestDb;
  let worker: Worker;
  let healer: SelfHealer;
  let userId: string;
  let projectId: string;
  let name: string;

  beforeAll(async () => {
    tdb = await createTestDb('pglite');
    worker = startWorker({ db: tdb.db, runtime, pollMs: 100 });
    healer = await startSelfHealer(tdb.db, runtime, { intervalMs: 600_000, sweepOrphans: false, debounceMs: 50 });
    userId = (await createTestUser(tdb.db)).id;
    const { project } = await createProject(tdb.db, userId, { name: 'heal' });
    projectId = project.id;
    const { process } = await addService(tdb.db, userId, projectId, { hostname: 'app', type: 'nodejs@18' });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    name = (await labelAudit(runtime, projectId)).containers[0]!;
  });
  afterAll(async () => {
    healer?.stop();
    const { process } = await deleteProject(tdb.db, userId, projectId);
    await waitProcess(tdb.db, process.id);
    await worker?.stop();
    await tdb?.dispose();
  });

  const healthy = async () => {
    const d = await runtime.inspectContainer(name);
    return d?.state === 'running' && d.health === 'healthy' ? d : undefined;
  };

  it('repairs a `docker kill`ed container with no user action', async () => {
    const before = await healthy();
    await docker().getContainer(name).kill({ signal: 'SIGKILL' });
    const after = await waitFor('killed container to run again', healthy, 60_000);
    expect(after.startedAt).not.toBe(before?.startedAt);
  });

  it('recreates a `docker rm -f`ed container with no user action', async () => {
    const before = await healthy();
    await docker().getContainer(name).remove({ force: true });
    const after = await waitFor('removed container to be recreated', healthy, 60_000);
    expect(after.id).not.toBe(before?.id);
    expect((await labelAudit(runtime, projectId)).containers).toEqual([name]);
  });
});
