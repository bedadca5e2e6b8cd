import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '@/lib/db/schema';
import { registerCoreHandlers } from '@/lib/processes/handlers';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerRuntime } from '@/lib/provisioner/docker/docker-runtime';
import { loadProjectVars } from '@/lib/provisioner/wanted';
import { createProject, deleteProject } from '@/lib/services/projects';
import { addService, restartService } from '@/lib/services/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';

const runtime = dockerRuntime();
registerCoreHandlers();

/**
 * Every catalog type from the local image set, provisioned through Berth, used by a real client
 * running in ANOTHER container (the `client` Debian service) on the same project network.
 */
describe('catalog types on the real engine (local images)', () => {
  let tdb: TestDb;
  let worker: Worker;
  let userId: string;
  let projectId: string;
  let client: string;
  let vars: Awaited<ReturnType<typeof loadProjectVars>>;
  const types: [string, string][] = [
    ['pg', 'postgresql@15'],
    ['maria', 'mariadb@10.11'],
    ['cache', 'redis@7.0'],
    ['mq', 'rabbitmq@3.10'],
    ['node', 'nodejs@18'],
    ['py', 'python@3.11'],
    ['goapp', 'go@1.19'],
    ['php', 'php-nginx@8.2'],
    ['site', 'static'],
    ['web', 'nginx@1.22'],
    ['files', 'shared-storage'],
    ['client', 'debian@12'],
    ['client2', 'debian@12'],
  ];
  const exec = async (argv: string[], env?: string[]) => runtime.exec(client, argv, { env });

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    worker = startWorker({ db: tdb.db, runtime, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    const { project } = await createProject(tdb.db, userId, { name: 'catalog' });
    projectId = project.id;
    const added = [];
    for (const [hostname, type] of types) added.push(await addService(tdb.db, userId, projectId, { hostname, type }));
    for (const a of added) {
      const done = await waitProcess(tdb.db, a.process.id, 240_000);
      expect({ service: a.service.hostname, status: done.status, error: done.error }).toEqual({ service: a.service.hostname, status: 'FINISHED', error: null });
    }
    vars = await loadProjectVars(tdb.db, projectId, await tdb.db.select().from(services).where(eq(services.projectId, projectId)));
    client = (await labelAudit(runtime, projectId)).containers.find((n) => n.endsWith('-client-runtime-0'))!;
  }, 420_000);
  afterAll(async () => {
    if (tdb && projectId) {
      const { process } = await deleteProject(tdb.db, userId, projectId);
      await waitProcess(tdb.db, process.id);
    }
    await worker?.stop();
    await tdb?.dispose();
  });

  it('PostgreSQL: psql creates a table and reads it back with the generated credentials', async () => {
    const url = vars.services.pg!.connectionString!;
    expect(new URL(url).protocol).toBe('postgresql:');
    const r = await exec(['psql', url, '-qtAc', "create table notes (t text); insert into notes values ('hello'); select t from notes"]);
    expect(r.stdout.trim()).toBe('hello');
  });

  it('PostgreSQL: data survives the container being replaced on the same volume', async () => {
    const before = (await labelAudit(runtime, projectId)).containers.find((n) => n.endsWith('-pg-main-0'))!;
    const oldId = (await runtime.inspectContainer(before))!.id;
    const [pg] = await tdb.db.select().from(services).where(eq(services.hostname, 'pg'));
    const { process } = await restartService(tdb.db, userId, projectId, pg!.id);
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    expect((await runtime.inspectContainer(before))!.id).not.toBe(oldId);
    const r = await exec(['psql', vars.services.pg!.connectionString!, '-qtAc', 'select t from notes']);
    expect(r.stdout.trim()).toBe('hello');
  });

  it('MariaDB: the mariadb client creates a table and reads it back', async () => {
    const m = vars.services.maria!;
    const r = await exec(
      ['mariadb', '-h', 'maria', '-u', m.user!, m.dbName!, '-N', '-e', "create table t (x varchar(10)); insert into t values ('mdb'); select x from t"],
      [`MYSQL_PWD=${m.password}`],
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('mdb');
  });

  it('Redis: SET/GET with the password, refused without it', async () => {
    const pw = vars.services.cache!.password!;
    await exec(['redis-cli', '-h', 'cache', '--no-auth-warning', '-a', pw, 'SET', 'k', 'v1']);
    expect((await exec(['redis-cli', '-h', 'cache', '--no-auth-warning', '-a', pw, 'GET', 'k'])).stdout.trim()).toBe('v1');
    expect((await exec(['redis-cli', '-h', 'cache', 'GET', 'k'])).stdout).toMatch(/NOAUTH/);
  });

  it('RabbitMQ: an AMQP publish and consume round trip', async () => {
    const mq = vars.services.mq!;
    const script = [
      'import amqp, sys',
      'c = amqp.Connection(host="mq:5672", userid=sys.argv[1], password=sys.argv[2]); c.connect()',
      'ch = c.channel(); ch.queue_declare("berth-test", auto_delete=False)',
      'ch.basic_publish(amqp.Message("round trip"), routing_key="berth-test")',
      'm = None',
      'while m is None: m = ch.basic_get("berth-test", no_ack=True)',
      'print(m.body if isinstance(m.body, str) else m.body.decode()); c.close()',
    ].join('\n');
    const r = await exec(['python3', '-c', script, mq.user!, mq.password!]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('round trip');
  });

  it.each([
    ['node', 3000],
    ['py', 8000],
    ['goapp', 8080],
    ['php', 80],
  ])('runtime %s serves its placeholder on :%i', async (host, port) => {
    const r = await exec(['curl', '-fsS', `http://${host}:${port}/`]);
    expect(r.stdout).toContain(`${host} is running on Berth`);
  });

  it('a runtime listens on the HTTP port chosen for it', async () => {
    const { process } = await addService(tdb.db, userId, projectId, { hostname: 'custom', type: 'nodejs@18', port: 8081 });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    expect((await exec(['curl', '-fsS', 'http://custom:8081/'])).stdout).toContain('custom is running on Berth');
  });

  it.each(['site', 'web'])('static server %s serves its page', async (host) => {
    expect((await exec(['curl', '-fsS', `http://${host}/`])).stdout).toContain('Static site served by nginx');
  });

  it('shared storage: a file written through one mount is read through another', async () => {
    await exec(['cp', '/etc/hostname', '/mnt/files/written-by-client']);
    const other = (await labelAudit(runtime, projectId)).containers.find((n) => n.endsWith('-client2-runtime-0'))!;
    const written = (await exec(['cat', '/etc/hostname'])).stdout;
    const r = await runtime.exec(other, ['cat', '/mnt/files/written-by-client']);
    expect(r.stdout).toBe(written);
  });
});
