import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, envVariables, processLogs, projects, services, type Service } from '@/lib/db/schema';
import { decryptSecret } from '@/lib/crypto/secrets';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { deleteProject } from '@/lib/domain/projects';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { importProject, importServices } from './apply';
import { exportProject, exportService } from './export';

const engine = dockerEngine();

const FILE = `#yamlPreprocessor=on
project:
  name: import-int
  description: imported by the integration test
  tags: [int]
  envVariables:
    APP_SECRET: <@generateRandomStringVar(<appSecret>, <32>)>
    LOG_LEVEL: info
services:
  - hostname: db
    type: postgresql@15
    priority: 10
  - hostname: cache
    type: redis@7.0
    priority: 10
  - hostname: files
    type: shared-storage
    priority: 10
  - hostname: storage
    type: objectstorage
    objectStorageSize: 3
    objectStoragePolicy: public-objects-read
    priority: 10
  - hostname: app
    type: nodejs@18
    startWithoutCode: true
    buildFromGit: http://127.0.0.1:9/app.git
    zeropsSetup: app
    minContainers: 1
    maxContainers: 3
    mount: [files]
    envSecrets:
      DATABASE_URL: \${db_connectionString}
      CACHE_URL: \${cache_connectionString}
      SESSION_KEY: <@generateRandomString(<40>)>
      SECRET_HASH: <@getVar(appSecret) | sha256>
`;

/** TCP reachability from inside a container (argv only, no shell). */
const CONNECT = 'const s=require("net").connect(+process.argv[2],process.argv[1]);s.on("connect",()=>{console.log("ok");process.exit(0)});s.on("error",e=>{console.log(e.code);process.exit(1)})';

describe('project import and export on the real engine', () => {
  let tdb: TestDb;
  let worker: Worker;
  let userId: string;
  const projectIds: string[] = [];

  const finish = async (processId: string) => {
    const done = await waitProcess(tdb.db, processId, 240_000);
    expect({ status: done.status, error: done.error }).toEqual({ status: 'FINISHED', error: null });
  };
  const servicesOf = (projectId: string) => tdb.db.select().from(services).where(eq(services.projectId, projectId)).orderBy(services.hostname);
  const varsOf = async (projectId: string, list: Service[]) => {
    const rows = await tdb.db.select().from(envVariables).where(and(eq(envVariables.projectId, projectId), eq(envVariables.kind, 'user')));
    const host = new Map(list.map((s) => [s.id, s.hostname]));
    return Object.fromEntries(rows.map((r) => [`${r.serviceId ? host.get(r.serviceId) : 'project'}.${r.key}`, { value: decryptSecret(r.valueEncrypted), secret: r.secret }]));
  };
  const comparable = (list: Service[]) =>
    list.map((s) => ({ hostname: s.hostname, type: s.type, version: s.version, mode: s.mode, status: s.status, containerCount: s.containerCount, resources: s.resources, autoscaling: s.autoscaling, ports: s.ports, settings: s.settings, subdomainAccess: s.subdomainAccess }));
  const appContainer = async (projectId: string) => (await labelAudit(engine, projectId)).containers.find((n) => n.includes('-app-runtime-0'))!;

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
  });
  afterAll(async () => {
    const deletions = await Promise.all(projectIds.map((id) => deleteProject(tdb.db, userId, id)));
    await Promise.all(deletions.map((d) => waitProcess(tdb.db, d.process.id)));
    for (const id of projectIds) expect(await labelAudit(engine, id)).toEqual({ containers: [], networks: [], volumes: [] });
    await worker.stop();
    await tdb.dispose();
  });

  let first: string;
  it('imports a file twice: every service runs, the app reaches its database and cache, secrets are random per import', async () => {
    const [a, b] = await Promise.all([importProject(tdb.db, userId, { yaml: FILE }), importProject(tdb.db, userId, { yaml: FILE })]);
    projectIds.push(a.project!.id, b.project!.id);
    first = a.project!.id;
    await Promise.all([finish(a.process!.id), finish(b.process!.id)]);
    const list = await servicesOf(first);
    expect(list.map((s) => [s.hostname, s.status])).toEqual([['app', 'ACTIVE'], ['cache', 'ACTIVE'], ['db', 'ACTIVE'], ['files', 'ACTIVE'], ['storage', 'ACTIVE']]);
    expect((await tdb.db.select().from(projects).where(eq(projects.id, first)))[0]).toMatchObject({ status: 'ACTIVE', settings: { tags: ['int'] } });

    const app = await appContainer(first);
    const env = async (key: string) => (await engine.exec(app, ['printenv', key])).stdout.trim();
    const dbVars = await tdb.db.select().from(envVariables).where(eq(envVariables.serviceId, list.find((s) => s.hostname === 'db')!.id));
    const conn = decryptSecret(dbVars.find((v) => v.key === 'connectionString')!.valueEncrypted);
    expect(await env('DATABASE_URL')).toBe(conn);
    expect(await env('CACHE_URL')).toMatch(/^redis:\/\/default:.+@cache:6379$/);
    expect(await env('SECRET_HASH')).toMatch(/^[0-9a-f]{64}$/);
    for (const [host, port] of [['db', '5432'], ['cache', '6379']]) {
      expect((await engine.exec(app, ['node', '-e', CONNECT, host!, port!])).stdout.trim(), host).toBe('ok');
    }
    expect((await engine.exec(app, ['test', '-d', '/mnt/files'])).exitCode).toBe(0);

    const [va, vb] = [await varsOf(first, list), await varsOf(b.project!.id, await servicesOf(b.project!.id))];
    for (const key of ['project.APP_SECRET', 'app.SESSION_KEY', 'app.SECRET_HASH']) {
      expect(va[key]!.value).not.toBe(vb[key]!.value);
    }
    expect(va['project.APP_SECRET']!.value).toMatch(/^[a-zA-Z0-9_.-]{32}$/);
    expect(va['app.SESSION_KEY']).toEqual({ value: expect.stringMatching(/^[a-zA-Z0-9_.-]{40}$/), secret: true });
    const log = await tdb.db.select().from(processLogs).where(eq(processLogs.processId, a.process!.id));
    expect(log.map((l) => l.message)).toContainEqual('app: version 1 will build from http://127.0.0.1:9/app.git (setup app) once the import has finished');
    expect(log.map((l) => l.message)).toContainEqual('priority 10: creating db, cache, files, storage');
  }, 300_000);

  it('export → import gives equal services, settings and variables; placeholders unless secrets are asked for (audited)', async () => {
    const masked = await exportProject(tdb.db, userId, first);
    expect(masked.split('\n')[0]).toBe('#yamlPreprocessor=on');
    expect(masked).toMatch(/SESSION_KEY: <@generateRandomString\(<40>\)>/);
    expect(masked).toContain('DATABASE_URL: ${db_connectionString}');
    const full = await exportProject(tdb.db, userId, first, { includeSecrets: true });
    expect(await tdb.db.select().from(auditLog).where(and(eq(auditLog.projectId, first), eq(auditLog.action, 'project.export')))).toHaveLength(1);
    const again = await importProject(tdb.db, userId, { yaml: full });
    projectIds.push(again.project!.id);
    await finish(again.process!.id);
    const [listA, listB] = [await servicesOf(first), await servicesOf(again.project!.id)];
    expect(comparable(listB)).toEqual(comparable(listA));
    expect(listA.find((s) => s.hostname === 'app')!.autoscaling).toEqual({ minContainers: 1, maxContainers: 3 });
    expect(full).toMatch(/minContainers: 1\n {4}maxContainers: 3\n/);
    expect(full).toMatch(/- hostname: storage\n {4}type: object-storage@1\n[^-]*objectStorageSize: 3\n {4}objectStoragePolicy: public-objects-read\n/);
    expect(await varsOf(again.project!.id, listB)).toEqual(await varsOf(first, listA));
    // The same text but for the addresses, which are each project's own.
    const withoutAddresses = (yaml: string) => yaml.replace(/^ {2}publicIpV[46]: .*\n/gm, '');
    expect(full).toMatch(/^ {2}publicIpV6: [0-9a-f:]+\n {2}publicIpV4: 127\.[\d.]+\n/m);
    expect(withoutAddresses(await exportProject(tdb.db, userId, again.project!.id, { includeSecrets: true }))).toBe(withoutAddresses(full));
    const one = await exportService(tdb.db, userId, first, listA.find((s) => s.hostname === 'app')!.id);
    expect(one).toMatch(/^#yamlPreprocessor=on\nservices:\n {2}- hostname: app\n/);
  }, 300_000);

  it('imports services into the existing project; override: true on a runtime is handed to the deploy hook', async () => {
    const yaml = `services:
  - hostname: worker
    type: nodejs@18
    envSecrets:
      DATABASE_URL: \${db_connectionString}
  - hostname: app
    type: nodejs@18
    override: true
    buildFromGit: http://127.0.0.1:9/app.git
`;
    const dry = await importServices(tdb.db, userId, first, { yaml, dryRun: true });
    expect(dry.preview.services.map((s) => [s.hostname, s.action])).toEqual([['worker', 'create'], ['app', 'redeploy']]);
    const done = await importServices(tdb.db, userId, first, { yaml });
    await finish(done.process!.id);
    const worker = (await servicesOf(first)).find((s) => s.hostname === 'worker');
    expect(worker?.status).toBe('ACTIVE');
    const log = await tdb.db.select().from(processLogs).where(eq(processLogs.processId, done.process!.id));
    expect(log.map((l) => l.message)).toContainEqual(expect.stringMatching(/^app: version \d+ will build from http:\/\/127\.0\.0\.1:9\/app\.git once the import has finished$/));
    expect((await tdb.db.select().from(services).where(and(eq(services.projectId, first), inArray(services.hostname, ['app'])))).length).toBe(1);
  }, 300_000);
});
