import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDbHandle } from '@/lib/db';
import { projects, type Project } from '@/lib/db/schema';
import { startLogCollector } from '@/lib/logs/collector';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { docker } from '@/lib/provisioner/docker/connection';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { L, containerName, networkName } from '@/lib/provisioner/labels';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createApiToken } from '@/lib/domain/api-tokens';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { callRoute, listRouteFiles } from '@/lib/testing/routes';
import { waitFor } from '@/lib/testing/wait';
import { registerProjectCore } from './index';
import { upgradeCore } from '@/lib/domain/core-upgrade';
import { LOGGER, loggerListening, readArchive } from './logger';

const engine = dockerEngine();
registerProjectCore();

describe('the project logger: an archive in the Light core, its own container in the Serious one', () => {
  let tdb: TestDb;
  let worker: Worker;
  let collector: { stop(): void };
  let userId: string;
  let projectId: string;
  let appIp: string;
  const row = async (): Promise<Project> => (await tdb.db.select().from(projects).where(eq(projects.id, projectId)))[0]!;
  const print = async (marker: string) => void (await fetch(`http://${appIp}:3000/${marker}`));
  const inArchive = (marker: string) =>
    waitFor(`${marker} in the project's log archive`, async () => (await readArchive(engine, await row(), 5_000)).find((l) => l.includes(marker)), 20_000, 50);

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    useDbHandle(tdb);
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    collector = startLogCollector(tdb.db, engine, 200);
    userId = (await createTestUser(tdb.db)).id;
    const { project, process } = await createProject(tdb.db, userId, { name: `logger ${Date.now().toString(36)}` });
    projectId = project.id;
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    const { process: p } = await addService(tdb.db, userId, projectId, { hostname: 'app', type: 'nodejs@18' });
    expect((await waitProcess(tdb.db, p.id)).status).toBe('FINISHED');
    const app = (await labelAudit(engine, projectId)).containers.find((n) => n.includes('-app-'))!;
    appIp = (await engine.inspectContainer(app))!.ips[networkName(projectId)]!;
  }, 180_000);
  afterAll(async () => {
    collector?.stop();
    if (projectId) await waitProcess(tdb.db, (await deleteProject(tdb.db, userId, projectId)).process.id);
    await worker?.stop();
    await tdb?.dispose();
  });

  it('LIGHT: a printed line reaches the logger inside the one core container, with its service and container', async () => {
    const marker = `light-${Date.now()}`;
    const t0 = performance.now();
    await print(marker);
    const line = await inArchive(marker);
    console.log(`line in the logger's archive after ${Math.round(performance.now() - t0)} ms`);
    expect(line).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\S+ app berth-\\S+-app-\\S+ .*${marker}`));
    const core = (await labelAudit(engine, projectId)).containers.filter((n) => n.includes('-core-'));
    expect(core).toEqual([containerName(projectId, 'core-balancer-0')]);
  });

  it('REST: the collected lines and the archive download; bad input and strangers refused', async () => {
    const routes = listRouteFiles();
    const file = (t: string) => routes.find((r) => r.template === t)!.file;
    const marker = `rest-${Date.now()}`;
    await print(marker);
    await inArchive(marker);
    const token = (await createApiToken(tdb.db, userId, { name: 'logs' })).token;
    const stranger = (await createApiToken(tdb.db, (await createTestUser(tdb.db)).id, { name: 'x' })).token;
    const lines = await callRoute(file('/projects/{projectId}/logs'), 'GET', { projectId }, { token, query: `?q=${marker}` });
    expect(lines.status).toBe(200);
    expect((lines.json as { lines: { line: string }[] }).lines.some((l) => l.line.includes(marker))).toBe(true);
    const archive = await callRoute(file('/projects/{projectId}/logs/archive'), 'GET', { projectId }, { token, query: '?lines=50' });
    expect(archive.status).toBe(200);
    expect(archive.text).toContain(marker);
    const bad = await callRoute(file('/projects/{projectId}/logs/archive'), 'GET', { projectId }, { token, query: '?lines=0' });
    expect(bad).toMatchObject({ status: 422, json: { error: { fields: { lines: [expect.any(String)] } } } });
    const badTime = await callRoute(file('/projects/{projectId}/logs'), 'GET', { projectId }, { token, query: '?since=yesterday' });
    expect(badTime).toMatchObject({ status: 422, json: { error: { fields: { since: [expect.any(String)] } } } });
    expect((await callRoute(file('/projects/{projectId}/logs/archive'), 'GET', { projectId }, { token: stranger })).status).toBe(404);
  });

  it('LIGHT: after the core container restarts, rsyslog runs again, started by the entry point before nginx', async () => {
    const name = containerName(projectId, 'core-balancer-0');
    await docker().getContainer(name).restart({ t: 2 });
    const pids = async () => {
      const ps = await engine.exec(name, ['ps', '-e', '-o', 'pid=,args=']);
      const pidOf = (re: RegExp) => ps.stdout.split('\n').map((l) => /^\s*(\d+)\s+(.*)$/.exec(l)).find((m) => m && re.test(m[2]!))?.[1];
      const nginx = pidOf(/^nginx: master process/);
      return nginx ? { nginx: Number(nginx), rsyslog: Number(pidOf(/^rsyslogd/) ?? NaN) } : undefined;
    };
    // The entry point starts rsyslogd, then execs nginx (pid 1): nothing of Berth's ran in between.
    const after = await waitFor('nginx running again', pids, 30_000);
    expect(after.nginx).toBe(1);
    expect(after.rsyslog).toBeGreaterThan(1); // NaN (no rsyslogd) fails
    expect(await waitFor('the logger listening', async () => loggerListening((await row()).address!), 10_000)).toBe(true);
  });

  it('LIGHT → SERIOUS: the logger moves to its own container with the archive, and lines printed during the move arrive', async () => {
    const before = `before-${Date.now()}`;
    await print(before);
    await inArchive(before);
    const { process } = await upgradeCore(tdb.db, userId, projectId);
    const during: string[] = [];
    while ((await waitProcess(tdb.db, process.id, 100).catch(() => undefined)) === undefined && during.length < 200) {
      const m = `during-${during.length}-${Date.now()}`;
      during.push(m);
      await print(m);
    }
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    const logger = await engine.inspectContainer(containerName(projectId, LOGGER));
    expect(logger?.state).toBe('running');
    expect(logger?.labels[L.role]).toBe('logger');
    const core = (await labelAudit(engine, projectId)).containers.filter((n) => n.includes('-core-')).sort();
    expect(core).toEqual([containerName(projectId, 'core-balancer-1'), containerName(projectId, 'core-balancer-2'), containerName(projectId, LOGGER)].sort());

    const after = `after-${Date.now()}`;
    await print(after);
    await inArchive(after);
    const archive = await readArchive(engine, await row(), 100_000);
    expect(archive.some((l) => l.includes(before))).toBe(true); // carried over on the log volume
    const missing = during.filter((m) => !archive.some((l) => l.includes(m)));
    expect(missing).toEqual([]);
    console.log(`logger move: ${during.length} lines printed during the upgrade, ${missing.length} missing from the archive`);
  });

  it('SERIOUS: a logger that crashes comes back with its archive, and lines printed while it was down arrive', async () => {
    const name = containerName(projectId, LOGGER);
    await engine.exec(name, ['pkill', '-KILL', '-x', 'rsyslogd']); // the container exits with it
    const down = `while-down-${Date.now()}`;
    await print(down);
    await inArchive(down); // Docker restarts it (unless-stopped); the cursor re-sends what it missed
    expect((await readArchive(engine, await row(), 100_000)).some((l) => l.includes('before-'))).toBe(true);
  });

  it('a project created SERIOUS starts with its own logger container, listening on the project address', async () => {
    const { project, process } = await createProject(tdb.db, userId, { name: `serious logger ${Date.now().toString(36)}`, corePackage: 'SERIOUS' });
    try {
      expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
      const core = (await labelAudit(engine, project.id)).containers.filter((n) => n.includes('-core-')).map((n) => n.split('-core-')[1]).sort();
      expect(core).toEqual(['balancer-1', 'balancer-2', 'logger']);
      await waitFor('the Serious logger to listen', () => loggerListening(project.address!), 20_000, 50);
    } finally {
      await waitProcess(tdb.db, (await deleteProject(tdb.db, userId, project.id)).process.id);
    }
  });
});
