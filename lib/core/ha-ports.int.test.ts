import { execFile } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects, services } from '@/lib/db/schema';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { loadProjectVars } from '@/lib/provisioner/wanted';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { registerProjectCore } from './index';
import { addPublicPort } from '@/lib/domain/public-ports';

const run = promisify(execFile);
const engine = dockerEngine();
registerProjectCore();

/** One RESP command over a fresh TCP connection; resolves with the server's first reply line. */
function redisCommand(host: string, port: number, args: string[][]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const replies: string[] = [];
    let buffer = '';
    const timer = setTimeout(() => socket.destroy(new Error('redis did not answer')), 5_000);
    socket.on('data', (b) => {
      buffer += b.toString();
      const lines = buffer.split('\r\n');
      buffer = lines.pop() ?? '';
      replies.push(...lines.filter((l) => /^[+\-:]/.test(l)));
      if (replies.length >= args.length) {
        clearTimeout(timer);
        socket.end();
        resolve(replies);
      }
    });
    socket.on('error', reject);
    socket.write(args.map((a) => `*${a.length}\r\n${a.map((x) => `$${Buffer.byteLength(x)}\r\n${x}\r\n`).join('')}`).join(''));
  });
}

/** A public port on an HA database reaches only the primary: every write through it succeeds. */
describe('public ports on HA databases', () => {
  let tdb: TestDb;
  let worker: Worker;
  let userId: string;
  let projectId: string;
  let address: string;
  const ids: Record<string, string> = {};
  const vars = async () => loadProjectVars(tdb.db, projectId, await tdb.db.select().from(services).where(eq(services.projectId, projectId)));

  beforeAll(async () => {
    tdb = await createTestDb('pglite');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    const { project, process } = await createProject(tdb.db, userId, { name: `ha ports ${Date.now().toString(36)}` });
    projectId = project.id;
    await waitProcess(tdb.db, process.id);
    for (const [hostname, type] of [
      ['pg', 'postgresql@15'],
      ['kv', 'redis@7.0'],
    ] as const) {
      const { service, process: p } = await addService(tdb.db, userId, projectId, { hostname, type, mode: 'HA' });
      expect((await waitProcess(tdb.db, p.id, 300_000)).status).toBe('FINISHED');
      ids[hostname] = service.id;
    }
    address = (await tdb.db.select().from(projects).where(eq(projects.id, projectId)))[0]!.address!;
  }, 600_000);
  afterAll(async () => {
    if (projectId) await waitProcess(tdb.db, (await deleteProject(tdb.db, userId, projectId)).process.id);
    await worker?.stop();
    await tdb?.dispose();
  });

  it('PostgreSQL HA: 10 writes through the public port all succeed (psql)', async () => {
    const { process } = await addPublicPort(tdb.db, userId, projectId, { serviceId: ids.pg!, publicPort: 15433, internalPort: 5432 });
    expect((await waitProcess(tdb.db, process.id)).error).toBeNull();
    const url = new URL((await vars()).services.pg!.connectionString!);
    url.hostname = address;
    url.port = '15433';
    await waitFor('psql through the public port', async () => run('/usr/bin/psql', [url.toString(), '-qtAc', 'select 1']).catch(() => undefined), 30_000);
    const failures: string[] = [];
    for (let i = 0; i < 10; i++) {
      await run('/usr/bin/psql', [url.toString(), '-v', 'ON_ERROR_STOP=1', '-qtAc', `create table if not exists ha_write_${i} (id int)`]).catch((err: Error) => failures.push(err.message));
    }
    expect(failures).toEqual([]);
  });

  it('Redis HA: 10 SETs through the public port all succeed (a replica would answer READONLY)', async () => {
    const { process } = await addPublicPort(tdb.db, userId, projectId, { serviceId: ids.kv!, publicPort: 16379, internalPort: 6379 });
    expect((await waitProcess(tdb.db, process.id)).error).toBeNull();
    const password = (await vars()).services.kv!.password!;
    await waitFor('redis through the public port', async () => redisCommand(address, 16379, [['PING']]).catch(() => undefined), 30_000);
    const replies: string[] = [];
    for (let i = 0; i < 10; i++) replies.push((await redisCommand(address, 16379, [['AUTH', password], ['SET', `k${i}`, 'v']]))[1]!);
    expect(replies).toEqual(Array(10).fill('+OK'));
  });
});
