import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects, services, type Project } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { interfaceHasAddress } from '@/lib/net/interface-addresses';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { loadProjectVars } from '@/lib/provisioner/wanted';
import { addProjectIpV4, releaseProjectIpV4 } from '@/lib/domain/project-addresses';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addPublicPort, setRouteFirewall } from '@/lib/domain/public-ports';
import { addService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { startSelfHealer } from '@/lib/background/self-heal';
import { ensureCa } from './ca';
import { loggerListening } from './logger';
import { registerProjectCore } from './index';

const run = promisify(execFile);
const engine = dockerEngine();
registerProjectCore();

/** Two IPv6 client addresses of the test's own, on the loopback interface for the test's duration. */
const SOURCES = ['fd42:b1:1:ff::a', 'fd42:b1:1:ff::b'] as const;

function httpGet(opts: { host: string; port: number; name: string; source?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: opts.host, port: opts.port, localAddress: opts.source, headers: { host: opts.name }, timeout: 3000, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
  });
}

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

function udpEcho(address: string, port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp6');
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

describe('IPv6 project addresses', () => {
  let tdb: TestDb;
  let worker: Worker;
  let userId: string;
  let project: Project;
  let deleted = false;
  const ids: Record<string, string> = {};
  const reload = async () => (project = (await tdb.db.select().from(projects).where(eq(projects.id, project.id)))[0]!);
  const host = () => `app-${project.slug}.${env.BERTH_DOMAIN}`;
  const appVia = (address: string, port = env.BERTH_HTTP_PORT, source?: string) => httpGet({ host: address, port, name: host(), source });

  beforeAll(async () => {
    for (const a of SOURCES) await run('ip', ['addr', 'add', `${a}/128`, 'dev', 'lo', 'nodad']).catch(() => undefined);
    tdb = await createTestDb('pglite');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    const created = await createProject(tdb.db, userId, { name: `v6 ${Date.now().toString(36)}`, publicIpV4: false });
    project = created.project;
    expect((await waitProcess(tdb.db, created.process.id)).status).toBe('FINISHED');
    for (const [hostname, type, extra] of [
      ['db', 'postgresql@15', {}],
      ['app', 'nodejs@18', { subdomainAccess: true }],
      ['udp', 'debian@12', {}],
    ] as const) {
      const { service, process } = await addService(tdb.db, userId, project.id, { hostname, type, ...extra });
      expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
      ids[hostname] = service.id;
    }
  }, 300_000);

  afterAll(async () => {
    if (project && !deleted) {
      const { process } = await deleteProject(tdb.db, userId, project.id).catch(() => ({ process: undefined }));
      if (process) await waitProcess(tdb.db, process.id);
    }
    await worker?.stop();
    await tdb?.dispose();
    for (const a of SOURCES) await run('ip', ['addr', 'del', `${a}/128`, 'dev', 'lo']).catch(() => undefined);
  });

  it('a project created without IPv4 has only an IPv6 address from the pool, on the interface, with its logger listening there', async () => {
    expect(project.address).toBeNull();
    expect(project.address6).toMatch(/^[0-9a-f:]+$/);
    expect(net.isIPv6(project.address6!)).toBe(true);
    expect(interfaceHasAddress(project.address6!)).toBe(true);
    expect(await waitFor('logger on the IPv6 address', async () => (await loggerListening(project.address6!)) || undefined, 20_000)).toBe(true);
  });

  it('HTTP through the edge over [::1] and over the project address, HTTPS by SNI over IPv6', async () => {
    const viaLoopback = await waitFor('edge on [::1]', async () => ((await appVia('::1')).status === 200 ? appVia('::1') : undefined), 30_000);
    expect(viaLoopback.body).toContain('app is running on Berth');
    expect((await appVia(project.address6!)).status).toBe(200);
    // The project's own balancer answers on its IPv6 address at the core port too.
    expect((await appVia(project.address6!, env.BERTH_CORE_HTTP_PORT)).status).toBe(200);
    expect((await httpGet({ host: '::1', port: env.BERTH_HTTP_PORT, name: 'nobody.invalid' })).status).toBe(404);
    const ca = ensureCa().certPem;
    const body = await waitFor('https over IPv6', () =>
      new Promise<string | undefined>((resolve) => {
        const req = https.get({ host: '::1', port: env.BERTH_HTTPS_PORT, servername: host(), headers: { host: host() }, ca, timeout: 3000, agent: false }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(res.statusCode === 200 ? text : undefined));
        });
        req.on('error', () => resolve(undefined));
      }),
    20_000);
    expect(body).toContain('app is running on Berth');
  });

  it('a TCP public port on the IPv6 address reaches PostgreSQL with a real psql', async () => {
    const { process } = await addPublicPort(tdb.db, userId, project.id, { serviceId: ids.db!, publicPort: 15432, internalPort: 5432 });
    expect((await waitProcess(tdb.db, process.id)).error).toBeNull();
    const vars = await loadProjectVars(tdb.db, project.id, await tdb.db.select().from(services).where(eq(services.projectId, project.id)));
    const url = new URL(vars.services.db!.connectionString!);
    url.hostname = `[${project.address6}]`;
    url.port = '15432';
    const { stdout } = await waitFor('psql over IPv6', async () => run('/usr/bin/psql', [url.toString(), '-qtAc', 'select 40 + 2']).catch(() => undefined), 20_000);
    expect(stdout.trim()).toBe('42');
  });

  it('a UDP public port echoes over IPv6', async () => {
    const udp = (await labelAudit(engine, project.id)).containers.find((n) => n.endsWith('-udp-runtime-0'))!;
    await engine.exec(udp, ['socat', 'UDP-LISTEN:5353,fork,reuseaddr', 'EXEC:cat'], { detach: true });
    const { process } = await addPublicPort(tdb.db, userId, project.id, { serviceId: ids.udp!, publicPort: 15353, internalPort: 5353, protocol: 'udp' });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    expect(await waitFor('udp echo', async () => (await udpEcho(project.address6!, 15353, 'ping-v6')) || undefined, 15_000)).toBe('ping-v6');
  });

  it('TCP firewall: an IPv6 allow-list lets one source in and keeps the other out', async () => {
    const { process } = await addPublicPort(tdb.db, userId, project.id, {
      serviceId: ids.db!,
      publicPort: 15433,
      internalPort: 5432,
      firewall: { policy: 'allow', ranges: [`${SOURCES[0]}/128`] },
    });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    expect(await waitFor('allowed source answered', async () => (await pgProbe(project.address6!, 15433, SOURCES[0])) === 'answered', 15_000)).toBe(true);
    expect(await pgProbe(project.address6!, 15433, SOURCES[1])).toBe('refused');
  });

  it('HTTP firewall: an IPv6 deny-list refuses one source through the edge and serves the other', async () => {
    expect((await appVia('::1', env.BERTH_HTTP_PORT, SOURCES[1])).status).toBe(200);
    const { process } = await setRouteFirewall(tdb.db, userId, project.id, ids.app!, { policy: 'deny', ranges: ['fd42:b1:1:ff::b/128'] });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    expect(await waitFor('deny-list applied', async () => (await appVia('::1', env.BERTH_HTTP_PORT, SOURCES[1])).status === 403, 10_000, 100)).toBe(true);
    expect((await appVia('::1', env.BERTH_HTTP_PORT, SOURCES[0])).status).toBe(200);
    const { process: open } = await setRouteFirewall(tdb.db, userId, project.id, ids.app!, { policy: 'none', ranges: [] });
    expect((await waitProcess(tdb.db, open.id)).status).toBe('FINISHED');
  });

  it('refuses malformed IPv6 firewall ranges by field, changing nothing', async () => {
    await expect(addPublicPort(tdb.db, userId, project.id, { serviceId: ids.db!, publicPort: 15998, internalPort: 5432, firewall: { policy: 'allow', ranges: ['fd42:::1/64'] } })).rejects.toThrow(
      /firewall\.ranges\.0: Use an IPv4 or IPv6 address or CIDR/,
    );
    await expect(setRouteFirewall(tdb.db, userId, project.id, ids.app!, { policy: 'deny', ranges: ['fd42::/129'] })).rejects.toThrow(/ranges\.0: Use an IPv4 or IPv6/);
  });

  it('an IPv4 address can be added later and released again; the IPv6 address never changes', async () => {
    const v6 = project.address6;
    const added = await addProjectIpV4(tdb.db, userId, project.id);
    expect((await waitProcess(tdb.db, added.process.id)).status).toBe('FINISHED');
    await reload();
    expect(project.address).toBe(added.address);
    expect(project.address6).toBe(v6);
    expect(await waitFor('balancer on the new IPv4', async () => (await appVia(added.address, env.BERTH_CORE_HTTP_PORT)).status === 200, 15_000)).toBe(true);
    await expect(addProjectIpV4(tdb.db, userId, project.id)).rejects.toThrow(/already has the IPv4 address/);
    const released = await releaseProjectIpV4(tdb.db, userId, project.id);
    expect((await waitProcess(tdb.db, released.process.id)).status).toBe('FINISHED');
    await reload();
    expect(project.address).toBeNull();
    expect(project.address6).toBe(v6);
    expect(await waitFor('IPv4 no longer served', async () => (await appVia(added.address, env.BERTH_CORE_HTTP_PORT)).status === 0, 10_000, 100)).toBe(true);
    expect((await appVia('::1')).status).toBe(200);
    await expect(releaseProjectIpV4(tdb.db, userId, project.id)).rejects.toThrow(/no IPv4 address to release/);
  });

  it('a restart of Berth puts a missing project address back on the interface and serves again', async () => {
    await run('ip', ['addr', 'del', `${project.address6}/128`, 'dev', 'lo']);
    expect(interfaceHasAddress(project.address6!)).toBe(false);
    expect((await appVia(project.address6!, env.BERTH_CORE_HTTP_PORT)).status).toBe(0);
    // What start-up runs: the self-healer's first full pass over every project.
    const healer = await startSelfHealer(tdb.db, engine, { intervalMs: 3_600_000, sweepOrphans: false });
    try {
      await healer.sweep();
    } finally {
      healer.stop();
    }
    expect(interfaceHasAddress(project.address6!)).toBe(true);
    expect(await waitFor('served again', async () => (await appVia('::1')).status === 200 && (await appVia(project.address6!)).status === 200, 20_000)).toBe(true);
  });

  it('deleting the project takes its address off the interface', async () => {
    const address6 = project.address6!;
    const { process } = await deleteProject(tdb.db, userId, project.id);
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    deleted = true;
    expect(interfaceHasAddress(address6)).toBe(false);
  });
});
