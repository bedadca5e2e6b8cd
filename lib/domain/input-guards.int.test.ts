import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTestSessionUser } from '@/lib/auth/guards';
import { addDomain, publishRouting, removeDomain } from '@/lib/domain/domains';
import { addPublicPort, removePublicPort, setRouteFirewall, setSubdomainAccess } from '@/lib/domain/public-ports';
import { useDbHandle } from '@/lib/db';
import { projects } from '@/lib/db/schema';
import { setLogForwarding } from '@/lib/domain/log-forwarding';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser } from '@/lib/testing/engine';
import { removeMember } from './members';
import { createProject } from './projects';
import { addService } from './services';

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

/** Ids and query parameters that would reach Postgres or `new Date` unchecked: each gets a 404 or a 422. */
describe('ids, parameters and projects being deleted', () => {
  let tdb: TestDb;
  let userId: string;
  let projectId: string;
  let serviceId: string;

  beforeAll(async () => {
    tdb = await createTestDb('pglite');
    useDbHandle(tdb);
    const user = await createTestUser(tdb.db);
    userId = user.id;
    setTestSessionUser({ id: user.id, name: user.name, email: user.email, role: 'user' });
    projectId = (await createProject(tdb.db, userId, { name: 'guards' })).project.id;
    serviceId = (await addService(tdb.db, userId, projectId, { hostname: 'app', type: 'nodejs@18' })).service.id;
  });
  afterAll(async () => {
    setTestSessionUser(undefined);
    await tdb?.dispose();
  });

  it('an id that is not a UUID is "not found", never a database error', async () => {
    await expect(removePublicPort(tdb.db, userId, projectId, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Public port not found' });
    await expect(removeDomain(tdb.db, userId, projectId, "1' or 1=1")).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Domain not found' });
    await expect(removeMember(tdb.db, userId, projectId, '42')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setRouteFirewall(tdb.db, userId, projectId, 'x', { policy: 'deny', ranges: ['10.0.0.0/8'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setSubdomainAccess(tdb.db, userId, projectId, 'x', true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('query parameters of the logs and statistics routes are validated (422 naming the parameter)', async () => {
    const logs = await import('@/app/api/v1/projects/[projectId]/logs/route');
    const stats = await import('@/app/api/v1/projects/[projectId]/services/[serviceId]/stats/route');
    const call = async <P,>(h: Handler<P>, query: string, params: P) => {
      const res = await h(new Request(`http://berth.test/x${query}`), { params: Promise.resolve(params) });
      return { status: res.status, fields: Object.keys(((await res.json()) as { error?: { fields?: object } }).error?.fields ?? {}) };
    };
    const bad: [string, string][] = [
      ['?service=not-a-uuid', 'service'],
      ['?since=yesterday', 'since'],
      ['?until=soon', 'until'],
      [`?q=${'x'.repeat(201)}`, 'q'],
      [`?container=${'c'.repeat(201)}`, 'container'],
    ];
    for (const [query, field] of bad) {
      expect({ query: query.slice(0, 30), ...(await call(logs.GET, query, { projectId })) }).toEqual({ query: query.slice(0, 30), status: 422, fields: [field] });
    }
    expect((await call(logs.GET, `?service=${serviceId}`, { projectId })).status).toBe(200);
    for (const query of ['?minutes=abc', '?minutes=0', '?minutes=99999', '?minutes=1.5']) {
      expect({ query, ...(await call(stats.GET, query, { projectId, serviceId })) }).toEqual({ query, status: 422, fields: ['minutes'] });
    }
    expect((await call(stats.GET, '?minutes=60', { projectId, serviceId })).status).toBe(200);
  });

  it('a project being deleted refuses port, firewall, subdomain, domain, publish and log-forwarding changes', async () => {
    await tdb.db.update(projects).set({ status: 'DELETING' }).where(eq(projects.id, projectId));
    const changes: [string, () => Promise<unknown>][] = [
      ['add port', () => addPublicPort(tdb.db, userId, projectId, { serviceId, publicPort: 15000, internalPort: 3000 })],
      ['remove port', () => removePublicPort(tdb.db, userId, projectId, '00000000-0000-4000-8000-000000000000')],
      ['firewall', () => setRouteFirewall(tdb.db, userId, projectId, serviceId, { policy: 'deny', ranges: ['10.0.0.0/8'] })],
      ['subdomain', () => setSubdomainAccess(tdb.db, userId, projectId, serviceId, true)],
      ['add domain', () => addDomain(tdb.db, userId, projectId, { serviceId, domain: 'shop.example.org' })],
      ['remove domain', () => removeDomain(tdb.db, userId, projectId, '00000000-0000-4000-8000-000000000000')],
      ['publish', () => publishRouting(tdb.db, userId, projectId)],
      ['log forwarding', () => setLogForwarding(tdb.db, userId, projectId, null)],
    ];
    for (const [what, change] of changes) {
      await expect(change().then(() => 'accepted', (err: { code?: string }) => err.code), what).resolves.toBe('CONFLICT');
    }
  });
});
