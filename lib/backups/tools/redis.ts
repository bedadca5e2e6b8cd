import { randomBytes } from 'node:crypto';
import { retryUntil } from '@/lib/provisioner/clock';
import { need, pipe, run, ToolFailed, type DataTool, type ToolTarget } from './common';

/** The port of the staging server inside the service's container (loopback only, for the duration of a restore). */
const STAGING_PORT = 16399;
const LOAD_TIMEOUT_MS = 30 * 60_000;

const auth = (t: ToolTarget) => [`REDISCLI_AUTH=${need(t.vars, 'password')}`];
const cli = (t: ToolTarget, args: string[], port = 6379) =>
  run(t, ['redis-cli', '--no-auth-warning', '-p', String(port), ...args], auth(t));

/** Sums the `keys=` counts of INFO keyspace: the number of keys across every database. */
export function keyCount(info: string): number {
  return [...info.matchAll(/keys=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
}

/** A field of an INFO section (`master_link_status:up` → 'up'). */
export function infoField(info: string, name: string): string | undefined {
  return info
    .split(/\r?\n/)
    .find((l) => l.startsWith(`${name}:`))
    ?.slice(name.length + 1)
    .trim();
}

/** The staging server's configuration, read from stdin: the password never appears on a command line. */
function stagingConfig(dir: string, password: string): string {
  const quoted = `"${password.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  return [
    'bind 127.0.0.1',
    `port ${STAGING_PORT}`,
    'daemonize yes',
    `dir ${dir}`,
    'dbfilename staged.rdb',
    'appendonly no',
    'save ""',
    'repl-diskless-sync-delay 0',
    `requirepass ${quoted}`,
    `logfile ${dir}/server.log`,
    `pidfile ${dir}/server.pid`,
    '',
  ].join('\n');
}

/**
 * Redis and Valkey: an RDB snapshot taken over the replication protocol (`redis-cli --rdb`, the server
 * forks and writes a consistent point-in-time copy). A restore loads the snapshot into a staging server
 * on loopback inside the same container (a bad file never touches the live data), makes the live
 * server a replica of it (a full sync replaces its dataset at once; clients read the old data until
 * then and cannot write during the sync), checks the key count, and promotes it back.
 */
export const redisTool: DataTool = {
  tool: 'redis-cli --rdb',
  versionArgv: ['redis-server', '--version'],
  async dump(t, out) {
    // redis-cli truncates its end-of-transfer marker only in a file, not on stdout: the snapshot goes to a file first.
    const file = `/data/.berth-dump-${randomBytes(6).toString('hex')}.rdb`;
    try {
      await run(t, ['redis-cli', '--no-auth-warning', '--rdb', file], auth(t));
      await pipe(t, ['cat', file], { stdout: out });
    } finally {
      await run(t, ['rm', '-f', file]).catch(() => {});
    }
  },
  async restore(t, input, tag, log) {
    const dir = `/data/.berth-restore-${tag}`;
    const password = need(t.vars, 'password');
    const stop = () => cli(t, ['SHUTDOWN', 'NOSAVE'], STAGING_PORT).catch(() => '');
    await stop();
    await run(t, ['rm', '-rf', dir]);
    await run(t, ['mkdir', '-p', dir]);
    let replicating = false;
    try {
      await pipe(t, ['dd', `of=${dir}/staged.rdb`, 'bs=1M', 'status=none'], { stdin: input });
      await run(t, ['redis-server', '-'], undefined, stagingConfig(dir, password));
      await retryUntil(
        () =>
          cli(t, ['PING'], STAGING_PORT).catch((err: unknown) =>
            err instanceof Error ? err.message : String(err),
          ),
        (reply) => reply.trim() === 'PONG',
        () => new ToolFailed('the snapshot did not load'),
        { timeoutMs: LOAD_TIMEOUT_MS, intervalMs: 200, maxIntervalMs: 2_000 },
      ).catch(async (err: unknown) => {
        const serverLog = await run(t, ['tail', '-n', '5', `${dir}/server.log`]).catch(() => '');
        throw new ToolFailed(
          `the snapshot did not load: ${serverLog.trim() || (err instanceof Error ? err.message : String(err))}`,
        );
      });
      const want = keyCount(await cli(t, ['INFO', 'keyspace'], STAGING_PORT));
      await log(`snapshot loaded beside the live data (${want} keys); replacing the live dataset`);
      replicating = true;
      await cli(t, ['REPLICAOF', '127.0.0.1', String(STAGING_PORT)]);
      await retryUntil(
        () => cli(t, ['INFO', 'replication']),
        (info) =>
          infoField(info, 'master_link_status') === 'up' &&
          infoField(info, 'master_sync_in_progress') === '0',
        (info) =>
          new ToolFailed(
            `the live server did not take the snapshot (link ${infoField(info ?? '', 'master_link_status') ?? 'unknown'})`,
          ),
        { timeoutMs: LOAD_TIMEOUT_MS, intervalMs: 200, maxIntervalMs: 2_000 },
      );
      await cli(t, ['REPLICAOF', 'NO', 'ONE']);
      replicating = false;
      const got = keyCount(await cli(t, ['INFO', 'keyspace']));
      if (got !== want)
        throw new ToolFailed(`the live server holds ${got} keys after the restore, the snapshot ${want}`);
    } finally {
      if (replicating) await cli(t, ['REPLICAOF', 'NO', 'ONE']).catch(() => '');
      await stop();
      await run(t, ['rm', '-rf', dir]).catch(() => '');
    }
  },
};
