import http from 'node:http';
import net from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services, type Project } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { registerProjectCore } from '@/lib/core';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { networkName } from '@/lib/provisioner/labels';
import { loadProjectVars } from '@/lib/provisioner/wanted';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { parseIp6, parseIp6Prefix } from './ip6';

const engine = dockerEngine();
registerProjectCore();

/** The services the test reaches, by hostname and type; `client` is Debian with psql, mariadb and redis-cli. */
const SERVICES = [
  ['db', 'postgresql@15', {}],
  ['cache', 'valkey@8.1', {}],
  ['maria', 'mariadb@10.11', {}],
  ['app', 'nodejs@18', { subdomainAccess: true }],
  ['client', 'debian@12', {}],
  // Cheap to start, and each listens on both families by a different means (nginx config, NATS config, Python socket).
  ['web', 'static@1.0', {}],
  ['queue', 'nats@2.10', {}],
  ['py', 'python@3.11', {}],
] as const;

function httpGet(host: string, port: number, name: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host, port, headers: { host: name }, timeout: 3000, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
  });
}

const inSubnet = (address: string, subnet: string) => {
  const p = parseIp6Prefix(subnet);
  return parseIp6(address) >> BigInt(128 - p.bits) === p.base >> BigInt(128 - p.bits);
};

describe('IPv6 on the project network', () => {
  let tdb: TestDb;
  let worker: Worker;
  let userId: string;
  let project: Project;
  let plain: Project;
  let client: string;
  let vars: Record<string, Record<string, string>>;
  const deleted = new Set<string>();
  /** Runs a program in the client container; fails the test with its output when it exits non-zero. */
  const inClient = async (argv: string[], envVars: string[] = []) => {
    const r = await engine.exec(client, argv, { env: envVars });
    if (r.exitCode !== 0) throw new Error(`${argv.join(' ')} exited ${r.exitCode}: ${r.stderr || r.stdout}`);
    return r.stdout.trim();
  };
  /** The service's address of one family, as the client's resolver answers it (Docker's embedded DNS). */
  const resolve = async (hostname: string, family: 'v4' | 'v6') => (await inClient(['getent', `ahosts${family}`, hostname])).split(/\s+/)[0]!;

  beforeAll(async () => {
    tdb = await createTestDb('pglite');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    const suffix = Date.now().toString(36);
    const [created, other] = await Promise.all([
      createProject(tdb.db, userId, { name: `net6 ${suffix}`, networkIpv6: true }),
      createProject(tdb.db, userId, { name: `net4 ${suffix}` }),
    ]);
    project = created.project;
    plain = other.project;
    for (const p of [created, other]) expect((await waitProcess(tdb.db, p.process.id)).status).toBe('FINISHED');
    const added = await Promise.all(SERVICES.map(([hostname, type, extra]) => addService(tdb.db, userId, project.id, { hostname, type, ...extra })));
    for (const { process } of added) expect((await waitProcess(tdb.db, process.id)).error).toBeNull();
    client = (await labelAudit(engine, project.id)).containers.find((n) => n.endsWith('-client-runtime-0'))!;
    vars = (await loadProjectVars(tdb.db, project.id, await tdb.db.select().from(services).where(eq(services.projectId, project.id)))).services as typeof vars;
  }, 240_000);

  afterAll(async () => {
    for (const p of [project, plain]) {
      if (!p || deleted.has(p.id)) continue;
      const { process } = await deleteProject(tdb.db, userId, p.id).catch(() => ({ process: undefined }));
      if (process) await waitProcess(tdb.db, process.id);
    }
    await worker?.stop();
    await tdb?.dispose();
  });

  it('the network has IPv4 and the project’s /64; every container has an address of each family; the other project’s network is IPv4 only', async () => {
    expect(project.network6).toMatch(/^[0-9a-f:]+\/64$/);
    const n = (await engine.inspectNetwork(networkName(project.id)))!;
    expect(n.enableIpv6).toBe(true);
    expect(n.subnets).toContain(project.network6);
    expect(n.subnets.some((s) => net.isIPv4(s.split('/')[0]!))).toBe(true);
    const attached = Object.values(n.containers);
    expect(attached.length).toBe(SERVICES.length);
    for (const c of attached) {
      expect(net.isIPv4(c.ipv4 ?? '')).toBe(true);
      expect(inSubnet(c.ipv6!, project.network6!)).toBe(true);
    }
    expect(plain.network6).toBeNull();
    const p = (await engine.inspectNetwork(networkName(plain.id)))!;
    expect(p.enableIpv6).toBe(false);
    expect(p.subnets.every((s) => net.isIPv4(s.split('/')[0]!))).toBe(true);
  });

  it('PostgreSQL answers psql over IPv6 and over IPv4, and through its unchanged connectionString (hostname, IPv6 first)', async () => {
    const v6 = await resolve('db', 'v6');
    const v4 = await resolve('db', 'v4');
    expect(inSubnet(v6, project.network6!)).toBe(true);
    const url = new URL(vars.db!.connectionString!);
    expect(url.hostname).toBe('db');
    const pw = [`PGPASSWORD=${vars.db!.password}`];
    const conn = (host: string) => `host=${host} user=${vars.db!.user} dbname=${url.pathname.slice(1)} connect_timeout=5`;
    // The server sees the client's address: an IPv6 one over IPv6, an IPv4 one over IPv4.
    expect(net.isIPv6(await inClient(['psql', conn(v6), '-qtAc', 'select host(inet_client_addr())'], pw))).toBe(true);
    expect(net.isIPv4(await inClient(['psql', conn(v4), '-qtAc', 'select host(inet_client_addr())'], pw))).toBe(true);
    const viaName = await inClient(['psql', vars.db!.connectionString!, '-qtAc', 'select host(inet_client_addr())']);
    expect(inSubnet(viaName, project.network6!)).toBe(true);
  });

  it('Valkey answers redis-cli over IPv6 and over IPv4, and through its connectionString', async () => {
    const auth = [`REDISCLI_AUTH=${vars.cache!.password}`];
    for (const family of ['v6', 'v4'] as const) {
      expect(await inClient(['redis-cli', '-h', await resolve('cache', family), 'ping'], auth)).toBe('PONG');
    }
    // redis-cli (hiredis) tries IPv4 first by name; clients that follow the resolver's order (IPv6 first) work as well.
    expect(await inClient(['redis-cli', '--no-auth-warning', '-u', vars.cache!.connectionString!, 'ping'])).toBe('PONG');
  });

  it('MariaDB answers the mariadb client over IPv6 and over IPv4, and by hostname', async () => {
    const m = vars.maria!;
    const pw = [`MYSQL_PWD=${m.password}`];
    const query = (host: string) => inClient(['mariadb', '-h', host, '-u', m.user!, m.dbName!, '--connect-timeout=5', '-sNe', 'select 40 + 2'], pw);
    // Address literals force the family.
    expect(await query(await resolve('maria', 'v6'))).toBe('42');
    expect(await query(await resolve('maria', 'v4'))).toBe('42');
    // By the generated hostname, which the resolver answers with the IPv6 address first.
    expect(await inClient(['mariadb', '-h', m.hostname!, '-u', m.user!, m.dbName!, '--connect-timeout=5', '-sNe', 'select 40 + 2'], pw)).toBe('42');
    expect(inSubnet((await inClient(['getent', 'ahosts', m.hostname!])).split(/\s+/)[0]!, project.network6!)).toBe(true);
  });

  it('the Node.js runtime answers over IPv6, over IPv4 and by hostname; its route through the core still works', async () => {
    const port = vars.app!.port!;
    for (const family of ['v6', 'v4'] as const) {
      const a = await resolve('app', family);
      const target = family === 'v6' ? `http://[${a}]:${port}/` : `http://${a}:${port}/`;
      expect(await inClient(['curl', '-fsS', '-g', '--max-time', '5', target])).toContain('app is running on Berth');
    }
    expect(await inClient(['curl', '-fsS', '-6', '--max-time', '5', `http://app:${port}/`])).toContain('app is running on Berth');
    expect(await inClient(['curl', '-fsS', '-4', '--max-time', '5', `http://app:${port}/`])).toContain('app is running on Berth');
    const name = `app-${project.slug}.${env.BERTH_DOMAIN}`;
    const viaCore = await waitFor('the subdomain through the core', async () => {
      const r = await httpGet(project.address ?? project.address6!, env.BERTH_CORE_HTTP_PORT, name);
      return r.status === 200 ? r : undefined;
    }, 30_000);
    expect(viaCore.body).toContain('app is running on Berth');
  });

  it('static (nginx), NATS and the Python runtime answer over IPv6 and over IPv4', async () => {
    for (const [hostname, port] of [['web', 80], ['py', Number(vars.py!.port)]] as const) {
      for (const family of ['v6', 'v4'] as const) {
        const a = await resolve(hostname, family);
        const body = await waitFor(`${hostname} over ${family}`, () => inClient(['curl', '-fsS', '-g', '--max-time', '5', family === 'v6' ? `http://[${a}]:${port}/` : `http://${a}:${port}/`]), 20_000);
        expect(body).toContain(`<h1>${hostname}`);
      }
    }
    for (const family of ['v6', 'v4'] as const) await inClient(['nc', '-z', '-w', '3', await resolve('queue', family), '4222']);
  });

  it('deleting the projects removes their networks', async () => {
    const started = await Promise.all([project, plain].map((p) => deleteProject(tdb.db, userId, p.id)));
    for (const [i, p] of [project, plain].entries()) {
      expect((await waitProcess(tdb.db, started[i]!.process.id)).status).toBe('FINISHED');
      deleted.add(p.id);
      expect(await engine.inspectNetwork(networkName(p.id))).toBeUndefined();
    }
  });
});
