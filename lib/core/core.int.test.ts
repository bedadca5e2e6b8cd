import http from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { httpGet, steadyLoad } from '@/lib/testing/load';
import { waitFor } from '@/lib/testing/wait';
import { docker } from '@/lib/provisioner/docker/connection';
import { containerName } from '@/lib/provisioner/labels';
import { edgeName } from './edge';
import { startEdgeWatcher } from './edge-watch';
import { pushNginxConfig, reloadNginx } from './push-config';
import type { Engine } from '@/lib/provisioner/engine';
import { registerProjectCore, syncCore } from './index';
import { upgradeCore } from '@/lib/domain/core-upgrade';

const engine = dockerEngine();
registerProjectCore();

const get = (host: string) => httpGet(env.BERTH_HTTP_PORT, host);

describe('project core: edge, balancer, LIGHT → SERIOUS', () => {
  let tdb: TestDb;
  let worker: Worker;
  let userId: string;
  const ids: string[] = [];
  const hosts: string[] = [];

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
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
    await engine.removeContainer(edgeName());
  });

  it('each project gets its own address and a LIGHT balancer; HTTP reaches the runtime by subdomain through the edge', async () => {
    const rows = await Promise.all(ids.map(async (id) => (await tdb.db.select().from(projects).where(eq(projects.id, id)))[0]!));
    expect(new Set(rows.map((r) => r.address)).size).toBe(2);
    for (const id of ids) expect((await labelAudit(engine, id)).containers.filter((n) => n.includes('-core-balancer-'))).toHaveLength(1);
    for (const host of hosts) {
      const res = await waitFor(`page via ${host}`, async () => {
        const r = await get(host);
        return r.status === 200 ? r : undefined;
      }, 30_000);
      expect(res.body).toContain('app is running on Berth');
    }
    expect((await get('nobody.localhost')).status).toBe(404);
  });

  it('passes a 5 MB upload and WebSocket upgrade headers through the edge and the balancer', async () => {
    const post = (headers: Record<string, string>, body: Buffer) =>
      new Promise<number>((resolve) => {
        const req = http.request({ host: '127.0.0.1', port: env.BERTH_HTTP_PORT, method: 'POST', path: '/', headers: { host: hosts[1]!, ...headers }, agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', () => resolve(0));
        req.end(body);
      });
    expect(await post({ 'content-type': 'application/octet-stream' }, Buffer.alloc(5 * 1024 * 1024, 1))).toBe(200);
    // An Upgrade request goes through both hops (the placeholder answers it as a plain request; the
    // header forwarding itself is checked in render.test.ts).
    expect(await post({ connection: 'Upgrade', upgrade: 'websocket' }, Buffer.alloc(0))).toBe(200);
  });

  it('a reload returns only once every accepting nginx worker is a new one (no request meets the old config after it)', async () => {
    const balancer = containerName(ids[1]!, 'core-balancer-0');
    const workers = async () =>
      (await engine.exec(balancer, ['ps', '-e', '-o', 'pid=,args='])).stdout
        .split('\n')
        .filter((l) => /nginx: worker process\s*$/.test(l))
        .map((l) => l.trim().split(/\s+/)[0]);
    const before = await workers();
    expect(before.length).toBeGreaterThan(0);
    await reloadNginx(engine, balancer);
    const after = await workers();
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((pid) => before.includes(pid))).toEqual([]);
  });

  it('a reconcile with nothing changed runs no command in the balancers or the edge', async () => {
    let execs = 0;
    const counting: Engine = { ...engine, exec: (...args) => (execs++, engine.exec(...args)) };
    const [project] = await tdb.db.select().from(projects).where(eq(projects.id, ids[1]!));
    await syncCore({ db: tdb.db, engine: counting, project: project! });
    execs = 0;
    await syncCore({ db: tdb.db, engine: counting, project: project! });
    expect(execs).toBe(0);
  });

  it('upgrades A to SERIOUS under steady load: no failed request, same address, B untouched', async () => {
    const [before] = await tdb.db.select().from(projects).where(eq(projects.id, ids[0]!));
    const onA = steadyLoad(async () => (await get(hosts[0]!)).status === 200, { clients: 2, maxMs: 120_000, maxRequests: 40_000 });
    const onB = steadyLoad(async () => (await get(hosts[1]!)).status === 200, { clients: 1, maxMs: 120_000, maxRequests: 20_000 });
    const { process } = await upgradeCore(tdb.db, userId, ids[0]!);
    const finished = await waitProcess(tdb.db, process.id);
    const a = await onA.stop();
    const b = await onB.stop();
    console.log('upgrade under load', JSON.stringify({ a, b }));
    expect(finished.error).toBeNull();
    expect(finished.status).toBe('FINISHED');
    expect(a.sent).toBeGreaterThan(50);
    expect([a.failed, b.failed]).toEqual([0, 0]);
    const [after] = await tdb.db.select().from(projects).where(eq(projects.id, ids[0]!));
    expect(after!.address).toBe(before!.address);
    expect(after!.corePackage).toBe('SERIOUS');
    const balancers = (await labelAudit(engine, ids[0]!)).containers.filter((n) => n.includes('-core-balancer-'));
    expect(balancers.map((n) => n.slice(-1)).sort()).toEqual(['1', '2']);
    await expect(upgradeCore(tdb.db, userId, ids[0]!)).rejects.toThrow(/no downgrade|already/);
  });

  it('a config nginx rejects fails with its message and leaves routing exactly as it was', async () => {
    const balancer = containerName(ids[0]!, 'core-balancer-1');
    const before = (await engine.exec(balancer, ['cat', '/etc/berth/nginx.conf'])).stdout;
    const load = steadyLoad(async () => (await get(hosts[0]!)).status === 200, { clients: 2, maxMs: 30_000, maxRequests: 10_000 });
    await expect(pushNginxConfig(engine, balancer, 'http { this is not nginx }\n')).rejects.toThrow(/nginx rejected the new configuration.*\[emerg\]/s);
    await new Promise((r) => setTimeout(r, 300)); // keep the load on a little after the attempt
    const stats = await load.stop();
    expect(stats.sent).toBeGreaterThan(10);
    expect(stats.failed).toBe(0);
    expect((await engine.exec(balancer, ['cat', '/etc/berth/nginx.conf'])).stdout).toBe(before);
  });

  it('SERIOUS: killing one balancer under steady load fails at most the requests in flight on it', async () => {
    const load = steadyLoad(async () => (await get(hosts[0]!)).status === 200, { clients: 4, maxMs: 30_000, maxRequests: 20_000 });
    await new Promise((r) => setTimeout(r, 300));
    await docker().getContainer(containerName(ids[0]!, 'core-balancer-1')).kill({ signal: 'SIGKILL' });
    await new Promise((r) => setTimeout(r, 700));
    const stats = await load.stop();
    console.log('kill one balancer', JSON.stringify(stats));
    expect(stats.sent).toBeGreaterThan(50);
    expect(stats.failed).toBeLessThanOrEqual(4); // at most one in flight per client
  });

  it('the edge is repaired at once when it is killed or removed', async () => {
    const watcher = await startEdgeWatcher(tdb.db, engine);
    try {
      for (const breakIt of [() => docker().getContainer(edgeName()).kill({ signal: 'SIGKILL' }), () => engine.removeContainer(edgeName(), 0)]) {
        await breakIt();
        const t0 = performance.now();
        await waitFor('traffic through a repaired edge', async () => (await get(hosts[1]!)).status === 200, 30_000, 50);
        console.log(`edge serving again after ${Math.round(performance.now() - t0)} ms`);
      }
    } finally {
      watcher.stop();
    }
  });

  it("isolation: project A's core killed and fed a failing config fails no request to project B", async () => {
    const load = steadyLoad(async () => (await get(hosts[1]!)).status === 200, { clients: 2, maxMs: 30_000, maxRequests: 10_000 });
    const survivor = containerName(ids[0]!, 'core-balancer-2');
    await expect(pushNginxConfig(engine, survivor, 'broken {')).rejects.toThrow(/nginx rejected/);
    await docker().getContainer(survivor).kill({ signal: 'SIGKILL' });
    expect((await get(hosts[0]!)).status).not.toBe(200); // A is really down now
    await new Promise((r) => setTimeout(r, 500));
    const stats = await load.stop();
    expect(stats.sent).toBeGreaterThan(10);
    expect(stats.failed).toBe(0);
  });

  it("a deleted project's names leave the edge with it", async () => {
    const id = ids.pop()!;
    expect((await get(hosts[1]!)).status).toBe(200);
    const { process } = await deleteProject(tdb.db, userId, id);
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    expect((await get(hosts[1]!)).status).toBe(404);
    expect((await engine.exec(edgeName(), ['cat', '/etc/berth/nginx.conf'])).stdout).not.toContain(hosts[1]!);
  });
});
