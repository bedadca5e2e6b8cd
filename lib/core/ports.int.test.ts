import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects, services } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { loadProjectVars } from '@/lib/provisioner/wanted';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { ensureCa } from './ca';
import { registerProjectCore } from './index';
import { addPublicPort, setRouteFirewall } from '@/lib/domain/public-ports';

const run = promisify(execFile);
const engine = dockerEngine();
registerProjectCore();

/** Sends the PostgreSQL SSLRequest from a chosen source address: 'N' back means the server answered. */
function pgProbe(address: string, port: number, source: string): Promise<'answered' | 'refused'> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port, localAddress: source });
    socket.setTimeout(3000, () => socket.destroy());
    socket.on('connect', () => socket.write(Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f])));
    socket.on('data', (d: Buffer) => {
      resolve(d.toString() === 'N' ? 'answered' : 'refused');
      socket.destroy();
    });
    socket.on('close', () => resolve('refused'));
    socket.on('error', () => resolve('refused'));
  });
}

function httpFrom(source: string, host: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port: env.BERTH_HTTP_PORT, localAddress: source, headers: { host }, timeout: 3000, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
  });
}

function udpEcho(address: string, port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      resolve('');
    }, 2000);
    socket.on('message', (m) => {
      clearTimeout(timer);
      socket.close();
      resolve(m.toString());
    });
    socket.send(text, port, address);
  });
}

describe('public ports and firewalls', () => {
  let tdb: TestDb;
  let worker: Worker;
  let userId: string;
  let projectId: string;
  let address: string;
  let slug: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    tdb = await createTestDb('pglite');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    const { project, process } = await createProject(tdb.db, userId, { name: `ports ${Date.now().toString(36)}` });
    projectId = project.id;
    await waitProcess(tdb.db, process.id);
    for (const [hostname, type, extra] of [
      ['db', 'postgresql@15', {}],
      ['app', 'nodejs@18', { subdomainAccess: true }],
      ['udp', 'debian@12', {}],
    ] as const) {
      const { service, process: p } = await addService(tdb.db, userId, projectId, { hostname, type, ...extra });
      expect((await waitProcess(tdb.db, p.id)).status).toBe('FINISHED');
      ids[hostname] = service.id;
    }
    const [row] = await tdb.db.select().from(projects).where(eq(projects.id, projectId));
    address = row!.address!;
    slug = row!.slug;
  }, 240_000);
  afterAll(async () => {
    const { process } = await deleteProject(tdb.db, userId, projectId);
    await waitProcess(tdb.db, process.id);
    await worker?.stop();
    await tdb?.dispose();
  });

  it('a TCP public port reaches PostgreSQL with a real psql', async () => {
    const { process } = await addPublicPort(tdb.db, userId, projectId, { serviceId: ids.db!, publicPort: 15432, internalPort: 5432 });
    expect((await waitProcess(tdb.db, process.id)).error).toBeNull();
    const vars = await loadProjectVars(tdb.db, projectId, await tdb.db.select().from(services).where(eq(services.projectId, projectId)));
    const url = new URL(vars.services.db!.connectionString!);
    url.hostname = address;
    url.port = '15432';
    const { stdout } = await waitFor('psql through the public port', async () => run('/usr/bin/psql', [url.toString(), '-qtAc', 'select 40 + 2']).catch(() => undefined), 20_000);
    expect(stdout.trim()).toBe('42');
  });

  it('a UDP public port echoes', async () => {
    const udp = (await labelAudit(engine, projectId)).containers.find((n) => n.endsWith('-udp-runtime-0'))!;
    await engine.exec(udp, ['socat', 'UDP-LISTEN:5353,fork,reuseaddr', 'EXEC:cat'], { detach: true });
    const { process } = await addPublicPort(tdb.db, userId, projectId, { serviceId: ids.udp!, publicPort: 15353, internalPort: 5353, protocol: 'udp' });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    expect(await waitFor('udp echo', async () => (await udpEcho(address, 15353, 'ping-berth')) || undefined, 15_000)).toBe('ping-berth');
  });

  it('TCP firewall: an allow-list lets 127.0.0.2 in and keeps 127.0.0.3 out', async () => {
    const { process } = await addPublicPort(tdb.db, userId, projectId, {
      serviceId: ids.db!,
      publicPort: 15433,
      internalPort: 5432,
      firewall: { policy: 'allow', ranges: ['127.0.0.2/32'] },
    });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    expect(await waitFor('allowed source answered', async () => (await pgProbe(address, 15433, '127.0.0.2')) === 'answered', 15_000)).toBe(true);
    expect(await pgProbe(address, 15433, '127.0.0.3')).toBe('refused');
  });

  it('HTTP firewall: a deny-list refuses 127.0.0.3 and serves 127.0.0.2 through the edge', async () => {
    const host = `app-${slug}.${env.BERTH_DOMAIN}`;
    expect(await waitFor('route', async () => (await httpFrom('127.0.0.3', host)) === 200, 20_000)).toBe(true);
    const { process } = await setRouteFirewall(tdb.db, userId, projectId, ids.app!, { policy: 'deny', ranges: ['127.0.0.3'] });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    // `nginx -s reload` returns before the new workers take over: wait for the new rules.
    expect(await waitFor('deny-list applied', async () => (await httpFrom('127.0.0.3', host)) === 403, 10_000, 100)).toBe(true);
    expect(await httpFrom('127.0.0.2', host)).toBe(200);
  });

  it('HTTPS through the edge (SNI passthrough) with a certificate that verifies against the internal CA root', async () => {
    const host = `app-${slug}.${env.BERTH_DOMAIN}`;
    const ca = ensureCa().certPem;
    const get = () =>
      new Promise<{ status: number; body: string; error?: string }>((resolve) => {
        const req = https.get({ host: '127.0.0.1', port: env.BERTH_HTTPS_PORT, servername: host, headers: { host }, ca, timeout: 3000, agent: false }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', (e) => resolve({ status: 0, body: '', error: e.message }));
      });
    const res = await waitFor('https page', async () => {
      const r = await get();
      return r.status === 200 ? r : undefined;
    }, 20_000);
    expect(res.body).toContain('app is running on Berth');
    // Without the root, the same certificate is not trusted.
    const untrusted = await new Promise<string>((resolve) => {
      https.get({ host: '127.0.0.1', port: env.BERTH_HTTPS_PORT, servername: host, agent: false }, () => resolve('trusted')).on('error', (e) => resolve(e.message));
    });
    expect(untrusted).toMatch(/certificate/i);
  });

  it('refuses bad ports, taken ports and bad CIDRs, creating nothing', async () => {
    const bad = [
      [{ serviceId: ids.db!, publicPort: 5, internalPort: 5432 }, /publicPort: Public ports go from 10 to 65435/],
      [{ serviceId: ids.db!, publicPort: 80, internalPort: 5432 }, /80 and 443/],
      [{ serviceId: ids.db!, publicPort: 15432, internalPort: 5432 }, /already open/],
      [{ serviceId: ids.db!, publicPort: env.BERTH_CORE_HTTPS_PORT, internalPort: 5432 }, /publicPort: .* balancer's HTTPS port/],
      [{ serviceId: ids.db!, publicPort: 15999, internalPort: 6000 }, /db has no tcp\/6000/],
      [{ serviceId: ids.db!, publicPort: 15998, internalPort: 5432, firewall: { policy: 'allow', ranges: ['300.1.2.3'] } }, /IPv4 or IPv6 address or CIDR/],
      [{ serviceId: ids.db!, publicPort: 15997, internalPort: 5432, firewall: { policy: 'allow', ranges: [] } }, /at least one/],
    ] as [Parameters<typeof addPublicPort>[3], RegExp][];
    for (const [input, message] of bad) await expect(addPublicPort(tdb.db, userId, projectId, input)).rejects.toThrow(message);
    await expect(setRouteFirewall(tdb.db, userId, projectId, ids.app!, { policy: 'deny', ranges: ['10.0.0.0/40'] })).rejects.toThrow(/CIDR/);
  });
});
