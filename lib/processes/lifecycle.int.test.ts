import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containers, processLogs, services } from '@/lib/db/schema';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { docker } from '@/lib/provisioner/docker/connection';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService, deleteService, restartService, scaleService, startService, stopService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, healthyAsShown, labelAudit, waitProcess } from '@/lib/testing/engine';

const engine = dockerEngine();

/** stop, start, scale up and down, delete: each through its process, checked against Docker. */
describe('service lifecycle through processes', () => {
  let tdb: TestDb;
  let worker: Worker;
  let userId: string;
  let projectId: string;
  let serviceId: string;

  const finished = async (p: Promise<{ process: { id: string } }>) => {
    const done = await waitProcess(tdb.db, (await p).process.id);
    expect(done.error).toBeNull();
    expect(done.status).toBe('FINISHED');
  };
  const service = async () => (await tdb.db.select().from(services).where(eq(services.id, serviceId)))[0];
  const appContainers = async () => (await labelAudit(engine, projectId)).containers.filter((n) => n.includes('-app-'));

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    const created = await createProject(tdb.db, userId, { name: 'lifecycle' });
    projectId = created.project.id;
    await finished(Promise.resolve(created));
    const added = await addService(tdb.db, userId, projectId, {
      hostname: 'app',
      type: 'nodejs@18',
      env: [{ key: 'CACHE_URL', value: '${cache_url}', secret: false }],
    });
    serviceId = added.service.id;
    createProcessId = added.process.id;
    await finished(Promise.resolve(added));
  });
  let createProcessId: string;

  it('keeps an unresolved reference literal in the container and warns about it in the step log', async () => {
    const [name] = await appContainers();
    expect((await engine.exec(name!, ['printenv', 'CACHE_URL'])).stdout.trim()).toBe('${cache_url}');
    const log = await tdb.db.select().from(processLogs).where(eq(processLogs.processId, createProcessId));
    expect(log).toContainEqual(expect.objectContaining({ level: 'warn', message: 'unresolved references kept literally: ${cache_url}' }));
  });
  afterAll(async () => {
    await finished(deleteProject(tdb.db, userId, projectId));
    expect(await labelAudit(engine, projectId)).toEqual({ containers: [], networks: [], volumes: [] });
    await worker.stop();
    await tdb.dispose();
  });

  it('runs the container with the service limits, its own name and the restart policy', async () => {
    const [name] = await appContainers();
    const info = await docker().getContainer(name!).inspect();
    const svc = (await service())!;
    expect(info.HostConfig.NanoCpus).toBe(Math.round(svc.resources.cpu * 1e9));
    expect(info.HostConfig.Memory).toBe(svc.resources.memoryMb * 1024 * 1024);
    expect(info.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
    expect(Object.keys(info.NetworkSettings.Networks)).toEqual([`berth-${projectId}`]);
  });

  it('stops and starts, keeping the container', async () => {
    const [name] = await appContainers();
    const id = (await engine.inspectContainer(name!))!.id;
    await finished(stopService(tdb.db, userId, projectId, serviceId));
    expect((await service())!.status).toBe('STOPPED');
    expect((await engine.inspectContainer(name!))!.state).toBe('exited');
    const [row] = await tdb.db.select().from(containers).where(eq(containers.name, name!));
    expect(row!.status).toBe('exited');

    await finished(startService(tdb.db, userId, projectId, serviceId));
    expect((await service())!.status).toBe('ACTIVE');
    const started = (await engine.inspectContainer(name!))!;
    expect(started.id).toBe(id);
    expect(healthyAsShown(started)).toBe(true);
  });

  it('restarts with a new container that starts with every host CPU and then runs with the service limit', async () => {
    const [name] = await appContainers();
    const before = (await engine.inspectContainer(name!))!.id;
    const { process } = await restartService(tdb.db, userId, projectId, serviceId);
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    const after = (await engine.inspectContainer(name!))!;
    expect(after.id).not.toBe(before);
    const own = Math.round((await service())!.resources.cpu * 1e9);
    expect(after.limits?.nanoCpus).toBe(own);
    const log = await tdb.db.select().from(processLogs).where(eq(processLogs.processId, process.id));
    expect(log.map((l) => l.message)).toContain(`started with every CPU; now ${own / 1e9} CPU (1 container)`);
  });

  it('scales to three containers behind the service hostname, then back to one', async () => {
    await finished(scaleService(tdb.db, userId, projectId, serviceId, { containerCount: 3 }));
    const names = await appContainers();
    expect(names).toHaveLength(3);
    const [first] = names;
    const resolved = await engine.exec(first!, ['getent', 'ahostsv4', 'app']);
    const ips = new Set(resolved.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0]));
    expect(ips.size).toBe(3);
    const own = await engine.exec(first!, ['getent', 'hosts', 'app-runtime-2']);
    expect(own.exitCode).toBe(0);
    expect(await tdb.db.select().from(containers).where(eq(containers.serviceId, serviceId))).toHaveLength(3);

    await finished(scaleService(tdb.db, userId, projectId, serviceId, { containerCount: 1 }));
    expect(await appContainers()).toEqual([first]);
    expect((await service())!.status).toBe('ACTIVE');
  });

  it('deletes the service with its containers and rows, keeping the project network', async () => {
    await finished(deleteService(tdb.db, userId, projectId, serviceId));
    expect(await service()).toBeUndefined();
    const audit = await labelAudit(engine, projectId);
    expect(audit.containers.filter((n) => n.includes('-app-'))).toEqual([]);
    expect(audit.networks).toEqual([`berth-${projectId}`]);
  });
});
