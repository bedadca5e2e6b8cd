import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificates, projects } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, waitProcess } from '@/lib/testing/engine';
import { httpGet } from '@/lib/testing/load';
import { waitFor } from '@/lib/testing/wait';
import { testResolver } from '@/lib/testing/dns';
import { registerProjectCore, useDomainResolver, verificationRecord } from './index';
import { addDomain, listDomains, publishRouting, removeDomain } from '@/lib/domain/domains';

const engine = dockerEngine();
registerProjectCore();

describe('custom domains: staged, then published', () => {
  let tdb: TestDb;
  let worker: Worker;
  let userId: string;
  const p: Record<'a' | 'b', { projectId: string; serviceId: string }> = {} as never;
  const domain = `shop-${Date.now().toString(36)}.example.test`;
  const get = (host: string) => httpGet(env.BERTH_HTTP_PORT, host);
  const dns = testResolver();

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    for (const k of ['a', 'b'] as const) {
      const { project, process } = await createProject(tdb.db, userId, { name: `domains ${k} ${Date.now().toString(36)}` });
      await waitProcess(tdb.db, process.id);
      const { service, process: s } = await addService(tdb.db, userId, project.id, { hostname: 'app', type: 'nodejs@18' });
      expect((await waitProcess(tdb.db, s.id)).status).toBe('FINISHED');
      p[k] = { projectId: project.id, serviceId: service.id };
    }
    // The domain points at project a: proof of control at publish.
    const [a] = await tdb.db.select().from(projects).where(eq(projects.id, p.a.projectId));
    dns.point(domain, a!.address!);
    useDomainResolver(dns);
  }, 240_000);
  afterAll(async () => {
    useDomainResolver(undefined);
    for (const k of ['a', 'b'] as const) {
      const { process } = await deleteProject(tdb.db, userId, p[k].projectId);
      await waitProcess(tdb.db, process.id);
    }
    await worker?.stop();
    await tdb?.dispose();
  });

  it('a staged domain is not served until published, then it is', async () => {
    await addDomain(tdb.db, userId, p.a.projectId, { serviceId: p.a.serviceId, domain });
    expect((await get(domain)).status).toBe(404);
    const { process } = await publishRouting(tdb.db, userId, p.a.projectId);
    const published = await waitProcess(tdb.db, process.id);
    expect({ status: published.status, error: published.error }).toEqual({ status: 'FINISHED', error: null });
    const res = await waitFor('domain served', async () => {
      const r = await get(domain);
      return r.status === 200 ? r : undefined;
    }, 15_000);
    expect(res.body).toContain('app is running on Berth');
    expect((await listDomains(tdb.db, userId, p.a.projectId)).every((d) => d.isSynced)).toBe(true);
  });

  it('refuses a domain another project owns, an overlapping route and invalid names', async () => {
    await expect(addDomain(tdb.db, userId, p.b.projectId, { serviceId: p.b.serviceId, domain })).rejects.toThrow(/belongs to another project/);
    await expect(addDomain(tdb.db, userId, p.a.projectId, { serviceId: p.a.serviceId, domain })).rejects.toThrow(/overlaps an existing route/);
    await expect(addDomain(tdb.db, userId, p.a.projectId, { serviceId: p.a.serviceId, domain: 'no_dots!' })).rejects.toThrow(/domain: Use a host name/);
    await expect(addDomain(tdb.db, userId, p.a.projectId, { serviceId: p.a.serviceId, domain, path: 'api' })).rejects.toThrow(/path: Use a path/);
    // Another project's subdomain (any name under BERTH_DOMAIN) is not a custom domain.
    const [b] = await tdb.db.select().from(projects).where(eq(projects.id, p.b.projectId));
    await expect(addDomain(tdb.db, userId, p.a.projectId, { serviceId: p.a.serviceId, domain: `app-${b!.slug}.${env.BERTH_DOMAIN}` })).rejects.toThrow(
      /domain: names under .* are Berth's subdomains/,
    );
    // /api and /api/ are one route.
    await addDomain(tdb.db, userId, p.a.projectId, { serviceId: p.a.serviceId, domain, path: '/api' });
    await expect(addDomain(tdb.db, userId, p.a.projectId, { serviceId: p.a.serviceId, domain, path: '/api/' })).rejects.toThrow(/\/api overlaps/);
    // Two projects asking for one new domain at the same time: exactly one gets it.
    const contested = `contested-${Date.now().toString(36)}.example.test`;
    const results = await Promise.allSettled(
      (['a', 'b'] as const).map((k) => addDomain(tdb.db, userId, p[k].projectId, { serviceId: p[k].serviceId, domain: contested, path: k === 'a' ? '/' : '/b' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    for (const k of ['a', 'b'] as const) {
      for (const d of await listDomains(tdb.db, userId, p[k].projectId)) if (d.path !== '/') await removeDomain(tdb.db, userId, p[k].projectId, d.id);
      for (const d of await listDomains(tdb.db, userId, p[k].projectId)) if (d.domain === contested) await removeDomain(tdb.db, userId, p[k].projectId, d.id);
    }
    expect(await listDomains(tdb.db, userId, p.b.projectId)).toEqual([]);
  });

  it('a staged removal keeps serving until published', async () => {
    const [row] = await listDomains(tdb.db, userId, p.a.projectId);
    await removeDomain(tdb.db, userId, p.a.projectId, row!.id);
    expect((await get(domain)).status).toBe(200);
    const { process } = await publishRouting(tdb.db, userId, p.a.projectId);
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    expect(await waitFor('domain gone', async () => (await get(domain)).status === 404, 15_000)).toBe(true);
    expect(await listDomains(tdb.db, userId, p.a.projectId)).toEqual([]);
  });

  it('refuses IP literals, localhost forms and the dashboard host as custom domains', async () => {
    const add = (name: string, requestHost?: string) => addDomain(tdb.db, userId, p.a.projectId, { serviceId: p.a.serviceId, domain: name }, { requestHost });
    await expect(add('169.254.169.254')).rejects.toThrow(/domain: an IP address is not a domain/);
    await expect(add('localhost.localdomain')).rejects.toThrow(/domain: localhost.localdomain is a local name/);
    await expect(add('berth-dashboard.example.test', 'berth-dashboard.example.test:3000')).rejects.toThrow(/dashboard's own host name/);
    expect(await listDomains(tdb.db, userId, p.a.projectId)).toEqual([]);
  });

  it('publishes a custom domain only with proof of control, and no certificate names it before', async () => {
    const name = `proof-${Date.now().toString(36)}.example.test`;
    await addDomain(tdb.db, userId, p.a.projectId, { serviceId: p.a.serviceId, domain: name });
    const { process } = await publishRouting(tdb.db, userId, p.a.projectId);
    const failed = await waitProcess(tdb.db, process.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(new RegExp(`${name.replace(/\./g, '\\.')}: control not proven .*TXT record _berth-verify\\.${name.replace(/\./g, '\\.')}`));
    const named = async () => (await tdb.db.select().from(certificates).where(eq(certificates.projectId, p.a.projectId))).some((c) => c.hosts.includes(name));
    expect(await named()).toBe(false);
    expect((await get(name)).status).toBe(404);
    // The TXT record the dashboard shows proves it.
    const [row] = await listDomains(tdb.db, userId, p.a.projectId);
    expect(row!.verification).toEqual(verificationRecord(p.a.projectId, name));
    dns.setTxt(row!.verification.name, row!.verification.value);
    const { process: again } = await publishRouting(tdb.db, userId, p.a.projectId);
    expect((await waitProcess(tdb.db, again.id)).status).toBe('FINISHED');
    expect(await waitFor('domain served', async () => (await get(name)).status === 200, 15_000)).toBe(true);
    expect(await named()).toBe(true);
    await removeDomain(tdb.db, userId, p.a.projectId, row!.id);
    const { process: cleanup } = await publishRouting(tdb.db, userId, p.a.projectId);
    expect((await waitProcess(tdb.db, cleanup.id)).status).toBe('FINISHED');
  });
});
