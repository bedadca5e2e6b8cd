import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, waitProcess } from '@/lib/testing/engine';
import { useDbHandle } from '@/lib/db';
import { createApiToken } from '@/lib/domain/api-tokens';
import { startPebble, type Pebble } from '@/lib/testing/pebble';
import { callRoute, listRouteFiles } from '@/lib/testing/routes';
import { waitFor } from '@/lib/testing/wait';
import { ensureCa } from './ca';
import { certificateOf } from '@/lib/domain/certificates';
import { accountKey, acmeClientIssuer } from './certs/acme';
import { registerProjectCore, useAcmeIssuer, useDomainResolver, type AcmeIssuer } from './index';
import { addDomain, publishRouting } from '@/lib/domain/domains';
import { listCertificates } from '@/lib/domain/certificates';
import { testResolver } from '@/lib/testing/dns';

const engine = dockerEngine();
registerProjectCore();

/** GET through the edge with a Host header and a path (the ACME CA's view of the domain). */
function edgeGet(host: string, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port: env.BERTH_HTTP_PORT, path: urlPath, headers: { host }, timeout: 3000, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
  });
}

/** HTTPS through the edge (SNI passthrough), trusting only `ca`; resolves with the status or the TLS error. */
function tlsGet(host: string, ca: string): Promise<{ status: number; error?: string }> {
  return new Promise((resolve) => {
    const req = https.get({ host: '127.0.0.1', port: env.BERTH_HTTPS_PORT, servername: host, headers: { host }, ca, timeout: 3000, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', (e) => resolve({ status: 0, error: e.message }));
  });
}

describe('certificates: ACME for public custom domains, the internal CA otherwise', () => {
  let tdb: TestDb;
  let worker: Worker;
  let userId: string;
  let projectId: string;
  let serviceId: string;
  const stamp = Date.now().toString(36);
  const good = `shop-${stamp}.berth-acme.dev`;
  const bad = `fails-${stamp}.berth-acme.dev`;
  // A real ACME CA: Debian's pebble, validating HTTP-01 through Berth's edge, driven by the same
  // acme-client issuer production uses. `bad` stands for a CA refusal (pebble resolves every name).
  let pebble: Pebble;
  const challengesSeen: string[] = [];
  let issuer: AcmeIssuer;
  beforeAll(async () => {
    pebble = await startPebble({ httpPort: env.BERTH_HTTP_PORT });
    const real = acmeClientIssuer({
      email: 'ops@berth-acme.dev',
      directoryUrl: pebble.directoryUrl,
      accountKeyPem: accountKey(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-acme-account-'))),
      caPem: pebble.listenerCaPem,
    });
    issuer = {
      async issue(domain, responder) {
        if (domain === bad) throw new Error('urn:ietf:params:acme:error:dns: no such domain');
        return real.issue(domain, {
          set: async (token, keyAuthorization) => {
            await responder.set(token, keyAuthorization);
            // What pebble will fetch: the answer through the edge, by Host header.
            const seen = await edgeGet(domain, `/.well-known/acme-challenge/${token}`);
            if (seen.body === keyAuthorization) challengesSeen.push(domain);
          },
          clear: (token) => responder.clear(token),
        });
      },
    };
    useAcmeIssuer(issuer);
    tdb = await createTestDb('pglite');
    useDbHandle(tdb);
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    const { project, process } = await createProject(tdb.db, userId, { name: `certs ${stamp}` });
    await waitProcess(tdb.db, process.id);
    projectId = project.id;
    const { service, process: s } = await addService(tdb.db, userId, projectId, { hostname: 'app', type: 'nodejs@18', subdomainAccess: true });
    expect((await waitProcess(tdb.db, s.id)).status).toBe('FINISHED');
    serviceId = service.id;
    // Both names point at the project (proof of control at publish).
    const dns = testResolver();
    const [row] = await tdb.db.select().from(projects).where(eq(projects.id, projectId));
    for (const d of [good, bad]) dns.point(d, row!.address!);
    useDomainResolver(dns);
  }, 240_000);
  afterAll(async () => {
    useAcmeIssuer(undefined);
    useDomainResolver(undefined);
    const { process } = await deleteProject(tdb.db, userId, projectId);
    await waitProcess(tdb.db, process.id);
    await worker?.stop();
    await tdb?.dispose();
    await pebble?.stop();
  });

  it('a published public domain gets a certificate from a real ACME CA (pebble; HTTP-01 validated through the edge) and serves it by SNI', async () => {
    for (const domain of [good, bad]) await addDomain(tdb.db, userId, projectId, { serviceId, domain });
    const { process } = await publishRouting(tdb.db, userId, projectId);
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    expect(challengesSeen).toEqual([good]);
    const pebbleRoot = await pebble.issuingRoot();
    const res = await waitFor('https with the ACME certificate', async () => {
      const r = await tlsGet(good, pebbleRoot);
      return r.status === 200 ? r : undefined;
    }, 20_000);
    expect(res.status).toBe(200);
    // Not the internal root's any more: nginx reloads asynchronously, so old workers may still
    // answer a connection or two with the previous certificate; wait until none does.
    const internalRefused = await waitFor('no worker serving the internal certificate for it', async () => (await tlsGet(good, ensureCa().certPem)).error, 20_000);
    expect(internalRefused).toMatch(/certificate/i);
    expect(await tlsGet(good, pebbleRoot)).toEqual({ status: 200 });
    const certs = await listCertificates(tdb.db, userId, projectId);
    expect(certs.find((c) => c.name === good)).toMatchObject({ issuer: 'acme', status: 'active', error: null });
    expect(certs.find((c) => c.name === 'internal')).toMatchObject({ issuer: 'internal', status: 'active' });
    expect(certs.some((c) => 'keyEncrypted' in c)).toBe(false);
  });

  it('a failed issuance is recorded, and the domain is served with an internal certificate meanwhile, which the root does not vouch for', async () => {
    const failed = (await listCertificates(tdb.db, userId, projectId)).find((c) => c.name === bad);
    expect(failed).toMatchObject({ issuer: 'acme', status: 'failed' });
    expect(failed!.error).toMatch(/no such domain/);
    // HTTPS answers with the internal-custom certificate; the root is constrained to BERTH_DOMAIN, so trusting it does not trust this name.
    expect((await tlsGet(bad, ensureCa().certPem)).error).toMatch(/permitted subtree violation/);
    const custom = (await listCertificates(tdb.db, userId, projectId)).find((c) => c.name === 'internal-custom');
    expect(custom).toMatchObject({ issuer: 'internal', status: 'active', hosts: [bad, good].sort() });
    // What the dashboard and the API show per domain: ACME for one, the failure (and the internal stand-in) for the other.
    const certs = await listCertificates(tdb.db, userId, projectId);
    expect(certificateOf(good, certs)).toMatchObject({ issuer: 'acme', status: 'active', error: null });
    expect(certificateOf(bad, certs)).toMatchObject({ issuer: 'acme', status: 'failed', error: expect.stringMatching(/no such domain/) });
    const token = (await createApiToken(tdb.db, userId, { name: 'certs' })).token;
    const file = listRouteFiles().find((r) => r.template === '/projects/{projectId}/certificates')!.file;
    const res = await callRoute(file, 'GET', { projectId }, { token });
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/PRIVATE KEY|keyEncrypted/);
    expect((res.json as { certificates: { name: string }[] }).certificates.map((c) => c.name).sort()).toEqual([bad, good, 'internal', 'internal-custom'].sort());
    // Subdomains always use the internal CA.
    const [project] = await tdb.db.select().from(projects).where(eq(projects.id, projectId));
    expect(await tlsGet(`app-${project!.slug}.${env.BERTH_DOMAIN}`, ensureCa().certPem)).toEqual({ status: 200 });
  });
});
