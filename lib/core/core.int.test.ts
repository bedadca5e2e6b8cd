import http from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { registerCoreHandlers } from '@/lib/processes/handlers';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerRuntime } from '@/lib/provisioner/docker/docker-runtime';
import { createProject, deleteProject } from '@/lib/services/projects';
import { addService } from '@/lib/services/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { edgeName } from './edge';
import { registerProjectCore, upgradeCore } from './index';

const runtime = dockerRuntime();
registerCoreHandlers();
registerProjectCore();

/** GET through the edge on loopback with a Host header; resolves with the status (0 = failed). */
function get(host: string, timeoutMs = 3000): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port: env.BERTH_HTTP_PORT, path: '/', headers: { host }, timeout: timeoutMs, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0, body: '' }));
  });
}

describe('project core: edge, balancer, LIGHT → SERIOUS', () => {
  let tdb: TestDb;
  let worker: Worker;
  let userId: string;
  const ids: string[] = [];
  const hosts: string[] = [];

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    worker = startWorker({ db: tdb.db, runtime, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    for (const name of ['core a', 'core b']) {
      const { project, process } = await createProject(tdb.db, userId, { name: `${name} ${Date.now().toString(36)}` });
      expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
      const { process: s } = await addService(tdb.db, userId, project.id, { hostname: 'app', type: 'nodejs@18', containerCount: 2, subdomainAccess: true });
      expect((await waitProcess(tdb.db, s.id)).status).toBe('FINISHED');
      ids.push(project.id);
      hosts.push(`app-${project.slug}.${env.BERTH_DOMAIN}`);
    }
  }, 240_000);
  afterAll(async () => {
    for (const id of ids) {
      const { process } = await deleteProject(tdb.db, userId, id);
      await waitProcess(tdb.db, process.id);
    }
    await worker?.stop();
    await tdb?.dispose();
    await runtime.removeContainer(edgeName());
  });

  it('each project gets its own address and a LIGHT balancer; HTTP reaches the runtime by subdomain through the edge', async () => {
    const rows = await Promise.all(ids.map(async (id) => (await tdb.db.select().from(projects).where(eq(projects.id, id)))[0]!));
    expect(new Set(rows.map((r) => r.address)).size).toBe(2);
    for (const id of ids) expect((await labelAudit(runtime, id)).containers.filter((n) => n.includes('-core-balancer-'))).toHaveLength(1);
    for (const host of hosts) {
      const res = await waitFor(`page via ${host}`, async () => {
        const r = await get(host);
        return r.status === 200 ? r : undefined;
      }, 30_000);
      expect(res.body).toContain('app is running on Berth');
    }
    expect((await get('nobody.localhost')).status).toBe(404);
  });

  it('upgrades A to SERIOUS under steady load: no failed request, same address, B untouched', async () => {
    const [before] = await tdb.db.select().from(projects).where(eq(projects.id, ids[0]!));
    const stats = { sent: 0, failed: 0, otherFailed: 0, maxGapMs: 0 };
    let done = false;
    let lastOk = performance.now();
    const client = async (host: string, key: 'failed' | 'otherFailed') => {
      const until = Date.now() + 120_000; // bounded in time and count
      for (let i = 0; !done && Date.now() < until && i < 20_000; i++) {
        const r = await get(host);
        stats.sent++;
        if (r.status !== 200) stats[key]++;
        else if (key === 'failed') {
          const now = performance.now();
          stats.maxGapMs = Math.max(stats.maxGapMs, now - lastOk);
          lastOk = now;
        }
      }
    };
    const load = Promise.all([client(hosts[0]!, 'failed'), client(hosts[0]!, 'failed'), client(hosts[1]!, 'otherFailed')]);
    const { process } = await upgradeCore(tdb.db, userId, ids[0]!);
    const finished = await waitProcess(tdb.db, process.id);
    done = true;
    await load;
    expect(finished.error).toBeNull();
    expect(finished.status).toBe('FINISHED');
    console.log('upgrade under load', JSON.stringify(stats));
    expect(stats.sent).toBeGreaterThan(50);
    expect(stats).toMatchObject({ failed: 0, otherFailed: 0 });
    const [after] = await tdb.db.select().from(projects).where(eq(projects.id, ids[0]!));
    expect(after!.address).toBe(before!.address);
    expect(after!.corePackage).toBe('SERIOUS');
    const balancers = (await labelAudit(runtime, ids[0]!)).containers.filter((n) => n.includes('-core-balancer-'));
    expect(balancers.map((n) => n.slice(-1)).sort()).toEqual(['1', '2']);
    await expect(upgradeCore(tdb.db, userId, ids[0]!)).rejects.toThrow(/no downgrade|already/);
  });
});
