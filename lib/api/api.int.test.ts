import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi';
import { useDbHandle } from '@/lib/db';
import { apiTokens, appVersions, projectMembers, projects, services, users } from '@/lib/db/schema';
import { createApiToken, revokeApiToken } from '@/lib/domain/api-tokens';
import { createTestDb, testDrivers, type TestDb } from '@/lib/testing/db';
import { createTestUser } from '@/lib/testing/engine';
import { HTTP_METHODS, callRoute, listRouteFiles } from '@/lib/testing/routes';

const routes = listRouteFiles();
const route = (template: string) => routes.find((r) => r.template === template)!.file;

describe.each(testDrivers)('REST API /api/v1 (%s)', (driver) => {
  let tdb: TestDb;
  const tokens: Record<'owner' | 'other' | 'viewer' | 'revoked', string> = { owner: '', other: '', viewer: '', revoked: '' };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    tdb = await createTestDb(driver);
    useDbHandle(tdb);
    const owner = await createTestUser(tdb.db);
    const other = await createTestUser(tdb.db);
    const viewer = await createTestUser(tdb.db);
    tokens.owner = (await createApiToken(tdb.db, owner.id, { name: 'owner' })).token;
    tokens.other = (await createApiToken(tdb.db, other.id, { name: 'other' })).token;
    tokens.viewer = (await createApiToken(tdb.db, viewer.id, { name: 'viewer' })).token;
    const revoked = await createApiToken(tdb.db, owner.id, { name: 'old' });
    await revokeApiToken(tdb.db, owner.id, revoked.id);
    tokens.revoked = revoked.token;

    // Project B belongs to `owner`; `viewer` views it; `other` owns project A only.
    const b = await callRoute(route('/projects'), 'POST', {}, { token: tokens.owner, body: { name: 'Project B', env: [{ key: 'X', value: '1' }] } });
    expect(b.status).toBe(202);
    ids.projectId = (b.json as { project: { id: string } }).project.id;
    ids.processId = (b.json as { process: { id: string } }).process.id;
    await callRoute(route('/projects'), 'POST', {}, { token: tokens.other, body: { name: 'Project A' } });
    await tdb.db.insert(projectMembers).values({ projectId: ids.projectId, userId: viewer.id, role: 'viewer' });
    const s = await callRoute(route('/projects/{projectId}/services'), 'POST', { projectId: ids.projectId }, { token: tokens.owner, body: { hostname: 'app', type: 'nodejs@18' } });
    expect(s.status).toBe(202);
    ids.serviceId = (s.json as { service: { id: string } }).service.id;
    ids.userId = viewer.id;
    const [version] = await tdb.db.insert(appVersions).values({ projectId: ids.projectId, serviceId: ids.serviceId, sequence: 1, status: 'BUILD_FAILED', source: { kind: 'git', url: '/nowhere', ref: null } }).returning();
    ids.versionId = version!.id;
    ids.tokenId = revoked.id;
    ids.key = 'X';
    ids.action = 'restart';
    ids.portId = '00000000-0000-4000-8000-000000000000';
    ids.domainId = '00000000-0000-4000-8000-000000000001';
    ids.backupId = '00000000-0000-4000-8000-000000000002';
  });
  afterAll(async () => tdb?.dispose());

  const projectScoped = routes.filter((r) => r.template.startsWith('/projects/{projectId}'));
  const methodsOf = async (file: string) =>
    Object.keys(await import(file)).filter((k): k is (typeof HTTP_METHODS)[number] => (HTTP_METHODS as readonly string[]).includes(k));

  it('tokens expire: 90 days by default, a chosen lifetime, never with 0; an expired token gets 401', async () => {
    const made = await callRoute(route('/tokens'), 'POST', {}, { token: tokens.owner, body: { name: 'short', expiresInDays: 7 } });
    expect(made.status).toBe(201);
    const { token, id, expiresAt } = made.json as { token: string; id: string; expiresAt: string };
    expect(Math.round((Date.parse(expiresAt) - Date.now()) / 86_400_000)).toBe(7);
    const byDefault = await createApiToken(tdb.db, ids.userId!, { name: 'default' });
    expect(Math.round((byDefault.expiresAt!.getTime() - Date.now()) / 86_400_000)).toBe(90);
    expect((await createApiToken(tdb.db, ids.userId!, { name: 'forever', expiresInDays: 0 })).expiresAt).toBeNull();
    const bad = await callRoute(route('/tokens'), 'POST', {}, { token: tokens.owner, body: { name: 'x', expiresInDays: 400 } });
    expect(bad).toMatchObject({ status: 422, json: { error: { fields: { expiresInDays: [expect.any(String)] } } } });
    expect((await callRoute(route('/projects'), 'GET', {}, { token })).status).toBe(200);
    await tdb.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, id));
    expect(await callRoute(route('/projects'), 'GET', {}, { token })).toMatchObject({ status: 401, json: { error: { message: expect.stringMatching(/expired/) } } });
  });

  it('a static route works when Next passes no params (as the built server does)', async () => {
    const mod = (await import(route('/projects'))) as { GET: (req: Request, ctx: object) => Promise<Response> };
    const res = await mod.GET(new Request('http://berth.test/api/v1/projects', { headers: { authorization: `Bearer ${tokens.owner}` } }), {});
    expect(res.status).toBe(200);
  });

  it('refuses a field the request does not have, naming it, and creates nothing', async () => {
    const before = (await tdb.db.select({ n: count() }).from(projects))[0]!.n;
    const res = await callRoute(route('/projects'), 'POST', {}, { token: tokens.owner, body: { name: 'Typo', corePakage: 'SERIOUS' } });
    expect(res).toMatchObject({ status: 422, json: { error: { code: 'VALIDATION', fields: { corePakage: [expect.stringMatching(/not a field.*corePackage/)] } } } });
    expect((await tdb.db.select({ n: count() }).from(projects))[0]!.n).toBe(before);
    const env = await callRoute(route('/projects/{projectId}/env'), 'PUT', { projectId: ids.projectId! }, { token: tokens.owner, body: { key: 'A', value: '1', secrett: true } });
    expect(env).toMatchObject({ status: 422, json: { error: { fields: { secrett: [expect.any(String)] } } } });
  });

  it('answers 401 without a token and with a revoked one', async () => {
    expect((await callRoute(route('/projects'), 'GET', {}, { token: tokens.revoked })).status).toBe(401);
    const res = await callRoute(route('/projects'), 'GET', {}, { token: 'berth_nope' });
    expect(res).toMatchObject({ status: 401, json: { error: { code: 'UNAUTHORIZED' } } });
  });

  it('a non-member gets 404 on every project route of another project', async () => {
    expect(projectScoped.length).toBeGreaterThan(10);
    for (const r of projectScoped) {
      for (const method of await methodsOf(r.file)) {
        const res = await callRoute(r.file, method, ids, { token: tokens.other, body: { key: 'Y', value: '1', containerCount: 2, hostname: 'x', type: 'nodejs@18' } });
        expect({ route: `${method} ${r.template}`, status: res.status }).toEqual({ route: `${method} ${r.template}`, status: 404 });
      }
    }
  });

  it('a viewer reads but gets 403 on every mutation', async () => {
    for (const r of projectScoped) {
      for (const method of await methodsOf(r.file)) {
        const res = await callRoute(r.file, method, ids, { token: tokens.viewer, body: { key: 'Y', value: '1', containerCount: 2, hostname: 'x', type: 'nodejs@18', email: 'a@b.cd', role: 'viewer' } });
        const expected = method === 'GET' ? 200 : 403;
        expect({ route: `${method} ${r.template}`, status: res.status }).toEqual({ route: `${method} ${r.template}`, status: expected });
      }
    }
  });

  it('masks secrets for readers', async () => {
    const res = await callRoute(route('/projects/{projectId}/services/{serviceId}/env'), 'GET', ids, { token: tokens.viewer, query: '?reveal=1' });
    const vars = (res.json as { variables: { key: string; value: string; secret: boolean }[] }).variables;
    expect(vars.find((v) => v.key === 'hostname')?.value).toBe('app');
  });

  it('the OpenAPI document lists every route file and method', async () => {
    const doc = openApiDocument();
    for (const r of routes.filter((x) => x.template !== '/openapi.json')) {
      const entry = doc.paths[r.template] as Record<string, unknown> | undefined;
      expect(entry, r.template).toBeDefined();
      for (const m of await methodsOf(r.file)) expect(entry![m.toLowerCase()], `${m} ${r.template}`).toBeDefined();
    }
  });

  it('documents request bodies from the validation schemas; unknown service actions are 404', async () => {
    const post = (openApiDocument().paths['/projects/{projectId}/services'] as Record<string, { requestBody?: unknown }>).post;
    expect(JSON.stringify(post?.requestBody)).toContain('"pattern":"^[a-z0-9]+$"');
    for (const action of ['toString', 'constructor', 'explode']) {
      const res = await callRoute(route('/projects/{projectId}/services/{serviceId}/{action}'), 'POST', { ...ids, action }, { token: tokens.owner });
      expect({ action, status: res.status }).toEqual({ action, status: 404 });
    }
  });

  const counts = async () => ({
    projects: (await tdb.db.select({ n: count() }).from(projects))[0]!.n,
    services: (await tdb.db.select({ n: count() }).from(services))[0]!.n,
  });

  it.each([
    ['uppercase hostname', { hostname: 'App', type: 'nodejs@18' }, 422, 'hostname'],
    ['hostname with a dash', { hostname: 'my-app', type: 'nodejs@18' }, 422, 'hostname'],
    ['hostname over 25 chars', { hostname: 'a'.repeat(26), type: 'nodejs@18' }, 422, 'hostname'],
    ['reserved hostname', { hostname: 'core', type: 'nodejs@18' }, 422, 'hostname'],
    ['duplicate hostname', { hostname: 'app', type: 'nodejs@18' }, 409, 'hostname'],
    ['unknown type', { hostname: 'x1', type: 'cobol@1' }, 422, 'type'],
    ['unknown version', { hostname: 'x2', type: 'postgresql@99' }, 422, 'version'],
    ['11 containers', { hostname: 'x3', type: 'nodejs@18', containerCount: 11 }, 422, 'containerCount'],
    ['0 containers', { hostname: 'x4', type: 'nodejs@18', containerCount: 0 }, 422, 'containerCount'],
    ['HA on a runtime', { hostname: 'x5', type: 'nodejs@18', mode: 'HA' }, 422, 'mode'],
    ['HA not yet available', { hostname: 'x6', type: 'mariadb@10.11', mode: 'HA' }, 422, 'mode'],
    ['port out of range', { hostname: 'x9', type: 'nodejs@18', port: 70000 }, 422, 'port'],
    ['port on a managed type', { hostname: 'x10', type: 'postgresql@15', port: 5433 }, 422, 'port'],
    ['bad env key', { hostname: 'x7', type: 'nodejs@18', env: [{ key: '1BAD', value: 'v' }] }, 422, 'env.0.key'],
    ['env key equal to a generated one', { hostname: 'x11', type: 'postgresql@15', env: [{ key: 'PORT', value: '1' }] }, 422, 'env.0.key'],
    ['env key equal to a generated one (same case)', { hostname: 'x12', type: 'nodejs@18', env: [{ key: 'hostname', value: 'y' }] }, 422, 'env.0.key'],
    ['env value over the limit', { hostname: 'x8', type: 'nodejs@18', env: [{ key: 'BIG', value: 'v'.repeat(40_000) }] }, 422, 'env.0.value'],
  ])('refuses %s with a clear 4xx and persists nothing', async (_name, body, status, field) => {
    const before = await counts();
    const res = await callRoute(route('/projects/{projectId}/services'), 'POST', ids, { token: tokens.owner, body });
    expect(res.status).toBe(status);
    const err = (res.json as { error: { message: string; fields?: Record<string, string[]> } }).error;
    expect(err.message.length).toBeGreaterThan(5);
    expect(Object.keys(err.fields ?? {})).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an empty name', { name: '  ' }, 'name'],
    ['an unknown core package', { name: 'p', corePackage: 'HUGE' }, 'corePackage'],
    ['a bad env key', { name: 'p', env: [{ key: 'a-b', value: '1' }] }, 'env.0.key'],
    ['a multi-line env value', { name: 'p', env: [{ key: 'A', value: '1\n2' }] }, 'env.0.value'],
    ['env keys equal regardless of case', { name: 'p', env: [{ key: 'A', value: '1' }, { key: 'a', value: '2' }] }, 'env'],
  ])('refuses a project with %s (422) and persists nothing', async (_name, body, field) => {
    const before = await counts();
    const res = await callRoute(route('/projects'), 'POST', {}, { token: tokens.owner, body });
    expect(res).toMatchObject({ status: 422, json: { error: { code: 'VALIDATION' } } });
    expect(Object.keys((res.json as { error: { fields?: Record<string, string[]> } }).error.fields ?? {})).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('a token of a disabled user is refused with 401', async () => {
    const u = await createTestUser(tdb.db);
    const { token } = await createApiToken(tdb.db, u.id, { name: 't' });
    expect((await callRoute(route('/projects'), 'GET', {}, { token })).status).toBe(200);
    await tdb.db.update(users).set({ disabled: true }).where(eq(users.id, u.id));
    expect(await callRoute(route('/projects'), 'GET', {}, { token })).toMatchObject({ status: 401, json: { error: { code: 'UNAUTHORIZED' } } });
  });

  it('refuses malformed JSON with 400, and a body over the limit with 413', async () => {
    const res = await callRoute(route('/projects'), 'POST', {}, { token: tokens.owner, rawBody: '{"name": ' });
    expect(res).toMatchObject({ status: 400, json: { error: { code: 'BAD_REQUEST' } } });
    for (const rawBody of ['[1]', 'null', '"text"', '']) {
      expect((await callRoute(route('/projects'), 'POST', {}, { token: tokens.owner, rawBody })).status, rawBody).toBe(400);
    }
    const huge = await callRoute(route('/projects'), 'POST', {}, { token: tokens.owner, rawBody: JSON.stringify({ name: 'x'.repeat(9 * 1024 * 1024) }) });
    expect(huge).toMatchObject({ status: 413, json: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
  });

  it('a malformed id is a 404, never a 500', async () => {
    for (const [template, params] of [
      ['/projects/{projectId}/services/{serviceId}', { projectId: ids.projectId!, serviceId: 'nope' }],
      ['/projects/{projectId}/processes/{processId}', { projectId: ids.projectId!, processId: '1; drop' }],
      ['/projects/{projectId}/services/{serviceId}/env', { projectId: ids.projectId!, serviceId: 'x' }],
    ] as const) {
      const res = await callRoute(route(template), 'GET', params, { token: tokens.owner });
      expect({ template, status: res.status }).toEqual({ template, status: 404 });
    }
    const dashes = await callRoute(route('/projects/{projectId}'), 'GET', { projectId: '-'.repeat(36) }, { token: tokens.owner });
    expect(dashes.status).toBe(404);
    const tok = await callRoute(route('/tokens/{tokenId}'), 'DELETE', { tokenId: 'not-a-uuid' }, { token: tokens.owner });
    expect(tok.status).toBe(404);
  });

  it('a user cannot revoke or list another user\'s tokens', async () => {
    const mine = await callRoute(route('/tokens'), 'POST', {}, { token: tokens.owner, body: { name: 'ci' } });
    expect(mine.status).toBe(201);
    const tokenId = (mine.json as { id: string }).id;
    expect((await callRoute(route('/tokens/{tokenId}'), 'DELETE', { tokenId }, { token: tokens.other })).status).toBe(404);
    const listed = await callRoute(route('/tokens'), 'GET', {}, { token: tokens.other });
    expect((listed.json as { tokens: { id: string }[] }).tokens.map((t) => t.id)).not.toContain(tokenId);
    expect((await callRoute(route('/tokens/{tokenId}'), 'DELETE', { tokenId }, { token: tokens.owner })).status).toBe(204);
  });

  it('env set through the API says a restart is needed; scale outside 1–10 is a 422', async () => {
    const put = await callRoute(route('/projects/{projectId}/services/{serviceId}/env'), 'PUT', ids, { token: tokens.owner, body: { key: 'FEATURE', value: 'on' } });
    expect(put).toMatchObject({ status: 200, json: { restartRequired: true } });
    const bad = await callRoute(route('/projects/{projectId}/services/{serviceId}/env'), 'PUT', ids, { token: tokens.owner, body: { key: 'has space', value: 'x' } });
    expect(bad).toMatchObject({ status: 422, json: { error: { code: 'VALIDATION', fields: { key: [expect.any(String)] } } } });
    for (const containerCount of [0, 11]) {
      const res = await callRoute(route('/projects/{projectId}/services/{serviceId}/scale'), 'PUT', ids, { token: tokens.owner, body: { containerCount } });
      expect(res).toMatchObject({ status: 422, json: { error: { code: 'VALIDATION', fields: { containerCount: [expect.any(String)] } } } });
    }
  });

  it('two clients racing to add the same hostname: exactly one wins, the other gets 409', async () => {
    const before = await counts();
    const results = await Promise.all(
      [0, 1].map(() => callRoute(route('/projects/{projectId}/services'), 'POST', ids, { token: tokens.owner, body: { hostname: 'race', type: 'nodejs@18' } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([202, 409]);
    expect((await counts()).services).toBe(before.services + 1);
  });

  // Last: it mutates (even deletes) project B as its owner.
  it('no route answers 5xx to wrongly typed or empty bodies', async () => {
    const bodies = [
      {},
      { hostname: 5, type: [], env: 'x', containerCount: 'many', key: {}, value: 7, email: 1, role: 'god', name: [], mode: 1, port: 'x', secret: 'yes' },
      { env: [null], resources: { cpu: 'a' }, publicPort: 'x', internalPort: -1, protocol: 'sctp', policy: 1, ranges: 'x', serviceId: 'nope' },
    ];
    for (const r of routes) {
      for (const method of await methodsOf(r.file)) {
        if (method === 'GET' || method === 'DELETE') continue;
        for (const body of bodies) {
          const res = await callRoute(r.file, method, ids, { token: tokens.owner, body });
          expect({ route: `${method} ${r.template}`, body, ok: res.status < 500 }).toEqual({ route: `${method} ${r.template}`, body, ok: true });
        }
      }
    }
  });

  it('a project carries publicIpV6 and publicIpV4; the owner releases and adds IPv4, a viewer may not', async () => {
    type View = { project: { publicIpV6: string | null; publicIpV4: string | null } };
    const get = async () => (await callRoute(route('/projects/{projectId}'), 'GET', ids, { token: tokens.owner })).json as View;
    const before = (await get()).project;
    expect(before.publicIpV6).toMatch(/^[0-9a-f:]+:[0-9a-f:]*$/);
    expect(before.publicIpV4).toMatch(/^127\./);
    expect((await callRoute(route('/projects/{projectId}/ipv4'), 'DELETE', ids, { token: tokens.viewer })).status).toBe(403);
    const released = await callRoute(route('/projects/{projectId}/ipv4'), 'DELETE', ids, { token: tokens.owner });
    expect(released.status).toBe(202);
    expect(released.json).toMatchObject({ released: before.publicIpV4 });
    expect((await get()).project).toMatchObject({ publicIpV4: null, publicIpV6: before.publicIpV6 });
    expect((await callRoute(route('/projects/{projectId}/ipv4'), 'DELETE', ids, { token: tokens.owner })).status).toBe(409);
    const added = await callRoute(route('/projects/{projectId}/ipv4'), 'POST', ids, { token: tokens.owner });
    expect(added.status).toBe(202);
    expect((await get()).project).toMatchObject({ publicIpV4: (added.json as { publicIpV4: string }).publicIpV4, publicIpV6: before.publicIpV6 });
    const v6only = await callRoute(route('/projects'), 'POST', {}, { token: tokens.owner, body: { name: 'IPv6 only', publicIpV4: false } });
    expect(v6only.status).toBe(202);
    expect((v6only.json as View).project).toMatchObject({ publicIpV4: null, publicIpV6: expect.stringMatching(/:/) });
    const listed = (await callRoute(route('/projects'), 'GET', {}, { token: tokens.owner })).json as { projects: View[] };
    expect(listed.projects.every((p) => p.project.publicIpV6)).toBe(true);
  });
});
