import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupProject, type BackupProject } from './testing/fixture';

/**
 * Redis-protocol stores on the real engine: known keys of every kind written with redis-cli, an RDB
 * snapshot taken, keys changed and deleted, the snapshot restored into the same server and into a new
 * one, and exactly the known data read back.
 */
describe('backup and restore of Valkey and Redis', () => {
  let p: BackupProject;
  beforeAll(async () => {
    p = await backupProject('backups-redis', [
      ['vk', 'valkey@8.1'],
      ['vknew', 'valkey@8.1'],
      ['rd', 'redis@7.0'],
    ]);
  }, 600_000);
  afterAll(async () => {
    await p?.dispose();
  }, 300_000);

  const cli = async (host: string, args: string[], stdin?: string) => {
    const env = [`REDISCLI_AUTH=${(await p.vars(host)).password}`];
    return (await p.exec(host, ['redis-cli', '--no-auth-warning', ...args], env, stdin)).trim();
  };
  /** Every key in a stable order with its value, as one text: equal texts mean equal data. */
  const snapshot = async (host: string) => {
    const env = [`REDISCLI_AUTH=${(await p.vars(host)).password}`];
    const strings = await p.exec(
      host,
      [
        'sh',
        '-c',
        'redis-cli --no-auth-warning --scan --pattern "k:*" | sort | xargs redis-cli --no-auth-warning mget | sha256sum',
      ],
      env,
    );
    return [
      `keys ${await cli(host, ['DBSIZE'])}`,
      `strings ${strings.trim()}`,
      `hash ${await cli(host, ['HGETALL', 'h'])}`,
      `list ${await cli(host, ['LRANGE', 'l', '0', '-1'])}`,
      `zset ${await cli(host, ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'])}`,
      `set ${(await cli(host, ['SMEMBERS', 's'])).split('\n').sort().join(',')}`,
      `db1 ${await cli(host, ['-n', '1', 'GET', 'elsewhere'])}`,
    ].join('\n');
  };
  const write = async (host: string) => {
    const lines = Array.from({ length: 3000 }, (_, i) => `SET k:${i} value-${i * 7}`);
    lines.push(
      'HSET h a 1 b 2 c 3',
      'RPUSH l x y z x',
      'ZADD z 1 one 2.5 two 3 three',
      'SADD s red green blue',
    );
    await cli(host, [], `${lines.join('\n')}\n`);
    await cli(host, ['-n', '1', 'SET', 'elsewhere', 'db-one']);
  };
  const spoil = async (host: string) => {
    await cli(host, [], 'DEL k:1 k:2 k:3 h\nSET k:10 changed\nRPUSH l more\nSET later 1\n');
    await cli(host, ['-n', '1', 'FLUSHDB']);
  };

  it('Valkey: an RDB snapshot, restored into the same server and into a new one', async () => {
    await write('vk');
    const known = await snapshot('vk');
    expect(known).toContain('keys 3004');
    const b = await p.backup('vk');
    expect(b.tool).toBe('redis-cli --rdb');
    expect(b.toolVersion).toMatch(/Valkey server v=8\.1/);
    expect(b.dumpBytes).toBeGreaterThan(1000);

    await spoil('vk');
    expect(await snapshot('vk')).not.toBe(known);
    await p.restore('vk', b.id);
    expect(await snapshot('vk')).toBe(known);
    expect(await cli('vk', ['EXISTS', 'later'])).toBe('0');
    // The server takes writes again and keeps them (it is a primary again, not a replica of the staging copy).
    expect(await cli('vk', ['SET', 'after', 'yes'])).toBe('OK');
    expect(await cli('vk', ['ROLE'])).toMatch(/^master/);

    await p.restore('vknew', b.id);
    expect(await snapshot('vknew')).toBe(known);
  });

  it('Redis 7.0: the same snapshot round trip', async () => {
    await write('rd');
    const known = await snapshot('rd');
    const b = await p.backup('rd');
    expect(b.toolVersion).toMatch(/Redis server v=7\.0/);
    await spoil('rd');
    await p.restore('rd', b.id);
    expect(await snapshot('rd')).toBe(known);
    expect(await cli('rd', ['ROLE'])).toMatch(/^master/);
  });
});
