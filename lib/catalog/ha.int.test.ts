import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@/lib/testing/wait';
import { createStack, type CatalogStack, type StackService } from './testing/stack';

/**
 * HA topologies from the catalog's own container specs (local images): PostgreSQL streaming replication
 * (1 primary + 2 read-only replicas) and Redis replication with 3 Sentinels promoting a replica.
 */
describe('HA topologies', () => {
  let stack: CatalogStack;
  let db: StackService;
  let cache: StackService;
  let client: StackService;

  beforeAll(async () => {
    stack = await createStack();
    db = await stack.add('db', 'postgresql@15', { mode: 'HA' });
    cache = await stack.add('cache', 'redis@7.0', { mode: 'HA' });
    client = await stack.add('client', 'debian@12');
    await stack.waitHealthy([...db.containers, ...cache.containers, ...client.containers], 240_000);
  }, 300_000);
  afterAll(async () => {
    await stack?.dispose();
  });

  const run = (argv: string[], env?: Record<string, string>) => stack.exec(client.at('runtime-0'), argv, env);

  it('runs 1 PostgreSQL primary + 2 replicas and 3 Redis nodes + 3 sentinels', () => {
    expect(db.containers.map((c) => c.alias)).toEqual(['db-primary-0', 'db-replica-0', 'db-replica-1']);
    expect(cache.containers.map((c) => c.alias)).toEqual([
      'cache-primary-0',
      'cache-replica-0',
      'cache-replica-1',
      'cache-sentinel-0',
      'cache-sentinel-1',
      'cache-sentinel-2',
    ]);
    expect(db.containers.filter((c) => c.template.serviceAlias).map((c) => c.alias)).toEqual(['db-primary-0']);
  });

  it('PostgreSQL: a write on the primary is readable on each replica, which refuse writes', async () => {
    const url = db.vars.connectionString!;
    const w = await run(['psql', url, '-v', 'ON_ERROR_STOP=1', '-qtAc', "create table ha (v text); insert into ha values ('replicated')"]);
    expect(w.stderr).toBe('');
    for (const replica of ['db-replica-0', 'db-replica-1']) {
      const at = url.replace('@db:', `@${replica}:`);
      const read = await waitFor(
        `the row on ${replica}`,
        async () => {
          const r = await run(['psql', at, '-qtAc', 'select v from ha']);
          return r.stdout.trim() === 'replicated' ? r : undefined;
        },
        60_000,
        500,
      );
      expect(read.stdout.trim()).toBe('replicated');
      const ro = await run(['psql', at, '-qtAc', "insert into ha values ('x')"]);
      expect(ro.stderr).toMatch(/read-only transaction/);
    }
    // The replicas' DNS name answers reads too.
    const viaAlias = await run(['psql', db.vars.connectionStringReplicas!, '-qtAc', 'select v from ha']);
    expect(viaAlias.stdout.trim()).toBe('replicated');
  });

  it('Redis: stopping the primary promotes a replica through Sentinel and writes continue', async () => {
    const auth = { REDISCLI_AUTH: cache.vars.password! };
    const cli = (host: string, ...args: string[]) => run(['redis-cli', '-h', host, ...args], auth);
    const master = async () =>
      (await run(['redis-cli', '-h', 'cache-sentinel-0', '-p', '26379', 'SENTINEL', 'get-master-addr-by-name', 'primary'])).stdout
        .split('\n')[0]!
        .trim();
    expect(await master()).toBe('cache-primary-0');
    expect((await cli('cache', 'SET', 'before', '1')).stdout.trim()).toBe('OK');
    await waitFor('the write on both replicas', async () => {
      const got = await Promise.all(['cache-replica-0', 'cache-replica-1'].map((h) => cli(h, 'GET', 'before')));
      return got.every((r) => r.stdout.trim() === '1');
    }, 30_000, 500);
    expect((await cli('cache-replica-0', 'SET', 'x', '1')).stdout).toMatch(/READONLY/);

    await stack.stop(cache.at('primary-0'));
    const promoted = await waitFor(
      'a replica to be promoted',
      async () => {
        const m = await master();
        return m.startsWith('cache-replica-') ? m : undefined;
      },
      90_000,
      500,
    );
    const write = await waitFor(
      'a write on the new primary',
      async () => {
        const r = await cli(promoted, 'SET', 'after', '2');
        return r.stdout.trim() === 'OK' ? r : undefined;
      },
      30_000,
      500,
    );
    expect(write.stdout.trim()).toBe('OK');
    expect((await cli(promoted, 'GET', 'before')).stdout.trim()).toBe('1');
    // Every sentinel agrees on the new primary.
    for (const s of ['cache-sentinel-1', 'cache-sentinel-2']) {
      await waitFor(`${s} to follow`, async () => {
        const r = await run(['redis-cli', '-h', s, '-p', '26379', 'SENTINEL', 'get-master-addr-by-name', 'primary']);
        return r.stdout.split('\n')[0]!.trim() === promoted;
      }, 30_000, 500);
    }
  });
});
