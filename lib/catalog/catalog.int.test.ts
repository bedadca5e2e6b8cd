import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@/lib/testing/wait';
import { amqpScript } from './testing/clients';
import { createStack, type CatalogStack, type StackService } from './testing/stack';

/**
 * Every catalog type from the local image set, started from the catalog's own container spec on a fresh
 * network, becomes healthy and serves a real client running in ANOTHER container (a `debian` service)
 * with the generated credentials. Databases keep their data when the container is replaced.
 */
describe('catalog types on the real engine (local images)', () => {
  let stack: CatalogStack;
  const s: Record<string, StackService> = {};
  const client = () => s.client!.at('runtime-0');
  const run = (argv: string[], env?: Record<string, string>) => stack.exec(client(), argv, env);

  beforeAll(async () => {
    stack = await createStack();
    s.files = await stack.add('files', 'shared-storage');
    const shared = [{ volume: stack.volumeName('files-main-0-data'), mountPath: '/mnt/files' }];
    const services: [string, string, Parameters<CatalogStack['add']>[2]?][] = [
      ['pg', 'postgresql@15'],
      ['maria', 'mariadb@10.11'],
      ['cache', 'redis@7.0'],
      ['mq', 'rabbitmq@3.10'],
      ['node', 'nodejs@18', { sharedMounts: shared }],
      ['custom', 'nodejs@18', { port: 8081 }],
      ['py', 'python@3.11'],
      ['goapp', 'go@1.19'],
      ['php', 'php-nginx@8.2'],
      ['site', 'static'],
      ['web', 'nginx@1.22'],
      ['client', 'debian@12', { sharedMounts: shared }],
      ['client2', 'debian@12', { sharedMounts: shared }],
    ];
    for (const [hostname, type, opts] of services) s[hostname] = await stack.add(hostname, type, opts);
    await stack.waitHealthy(Object.values(s).flatMap((svc) => svc.containers), 240_000);
  }, 300_000);
  afterAll(async () => {
    await stack?.dispose();
  });

  it('PostgreSQL: psql creates a table and reads it back with the generated connectionString', async () => {
    const url = s.pg!.vars.connectionString!;
    expect(new URL(url).host).toBe('pg:5432');
    const r = await run(['psql', url, '-v', 'ON_ERROR_STOP=1', '-qtAc', "create table notes (t text); insert into notes values ('hello'); select t from notes"]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('hello');
    const wrong = await run(['psql', url.replace(/:[^:@/]+@/, ':wrong@'), '-qtAc', 'select 1']);
    expect(wrong.stderr).toMatch(/password authentication failed/);
  });

  it('MariaDB: the mariadb client creates a table and reads it back', async () => {
    const m = s.maria!.vars;
    const r = await run(
      ['mariadb', '-h', 'maria', '-u', m.user!, m.dbName!, '-N', '-e', "create table t (x varchar(10)); insert into t values ('mdb'); select x from t"],
      { MYSQL_PWD: m.password! },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('mdb');
  });

  it('Redis: SET/GET with the password, refused without it', async () => {
    const pw = s.cache!.vars.password!;
    expect((await run(['redis-cli', '-h', 'cache', 'SET', 'k', 'v1'], { REDISCLI_AUTH: pw })).stdout.trim()).toBe('OK');
    expect((await run(['redis-cli', '-h', 'cache', 'GET', 'k'], { REDISCLI_AUTH: pw })).stdout.trim()).toBe('v1');
    expect((await run(['redis-cli', '-h', 'cache', 'GET', 'k'])).stdout).toMatch(/NOAUTH/);
    const url = await run(['redis-cli', '-u', s.cache!.vars.connectionString!, '--no-auth-warning', 'GET', 'k']);
    expect(url.stdout.trim()).toBe('v1');
  });

  const amqp = (action: 'put' | 'get') => amqpScript('mq', action);

  it('RabbitMQ: an AMQP publish and consume round trip with the generated user', async () => {
    const mq = s.mq!.vars;
    expect((await run(['python3', '-c', amqp('put'), mq.user!, mq.password!, 'round trip'])).stdout.trim()).toBe('sent');
    const r = await run(['python3', '-c', amqp('get'), mq.user!, mq.password!]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('round trip');
    const refused = await run(['python3', '-c', amqp('get'), mq.user!, 'wrong']);
    expect(refused.stderr).toMatch(/ACCESS_REFUSED|AccessRefused/);
  });

  it.each([
    ['node', 3000],
    ['custom', 8081],
    ['py', 8000],
    ['goapp', 8080],
    ['php', 80],
  ])('runtime %s serves its placeholder on :%i, naming the service', async (host, port) => {
    const r = await run(['curl', '-fsS', `http://${host}:${port}/`]);
    expect(r.stdout).toContain(`${host} is running on Berth`);
  });

  it.each(['site', 'web'])('static server %s serves its page', async (host) => {
    const r = await run(['curl', '-fsS', `http://${host}/`]);
    expect(r.stdout).toContain(`${host}: static site served by nginx`);
  });

  it('shared storage: a file written through one mount is read through another', async () => {
    const text = `written by client at ${Date.now()}`;
    await run(['python3', '-c', 'import sys; open("/mnt/files/note.txt", "w").write(sys.argv[1])', text]);
    expect((await stack.exec(s.client2!.at('runtime-0'), ['cat', '/mnt/files/note.txt'])).stdout).toBe(text);
    expect((await stack.exec(s.node!.at('runtime-0'), ['cat', '/mnt/files/note.txt'])).stdout).toBe(text);
  });

  describe('data survives removing and recreating the container on the same volume', () => {
    /** Replaces the container; the old one must have shut down cleanly (exit 0) on the stop signal. */
    const replace = async (svc: StackService) => {
      const c = svc.containers[0]!;
      expect(await stack.recreate(c, svc.hostname)).toBe(0);
      await stack.waitHealthy([c], 180_000);
    };

    it('PostgreSQL', async () => {
      await replace(s.pg!);
      expect((await run(['psql', s.pg!.vars.connectionString!, '-qtAc', 'select t from notes'])).stdout.trim()).toBe('hello');
    });

    it('MariaDB', async () => {
      await replace(s.maria!);
      const m = s.maria!.vars;
      const r = await run(['mariadb', '-h', 'maria', '-u', m.user!, m.dbName!, '-N', '-e', 'select x from t'], { MYSQL_PWD: m.password! });
      expect(r.stdout.trim()).toBe('mdb');
    });

    it('Redis', async () => {
      await replace(s.cache!);
      expect((await run(['redis-cli', '-h', 'cache', 'GET', 'k'], { REDISCLI_AUTH: s.cache!.vars.password! })).stdout.trim()).toBe('v1');
    });

    it('RabbitMQ (a persistent message on a durable queue)', async () => {
      const mq = s.mq!.vars;
      expect((await run(['python3', '-c', amqp('put'), mq.user!, mq.password!, 'kept'])).stdout.trim()).toBe('sent');
      await replace(s.mq!);
      // The AMQP listener can open before a durable queue has recovered its messages: poll with a deadline.
      const got = await waitFor('the persistent message after the restart', async () => {
        const r = await run(['python3', '-c', amqp('get'), mq.user!, mq.password!]);
        if (r.stderr) throw new Error(r.stderr.trim().split('\n').at(-1));
        return r.stdout.trim() || undefined;
      }, 60_000, 1_000);
      expect(got).toBe('kept');
    });
  });
});
