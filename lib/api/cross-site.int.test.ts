import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WrappedAction } from '@/lib/actions/action';
import { setTestRequestHeaders } from '@/lib/actions/request-headers';
import { setTestSessionUser } from '@/lib/auth/guards';
import { useDbHandle } from '@/lib/db';
import { createApiToken } from '@/lib/domain/api-tokens';
import { createProject } from '@/lib/domain/projects';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser } from '@/lib/testing/engine';
import { HTTP_METHODS, callRoute, listActionModules, listRouteFiles } from '@/lib/testing/routes';

/**
 * A page on a sibling origin (a tenant's app under BERTH_DOMAIN) posting with the user's session
 * cookie: every write route under /api/v1 and every server action refuses it. Routes and action
 * modules are enumerated, so a new one is covered automatically.
 */
describe('cross-site writes with the session cookie', () => {
  let tdb: TestDb;
  let owner: { id: string; name: string; email: string; role: 'admin' | 'user' };
  let projectId: string;
  let token: string;
  const sibling = { cookie: 'next-auth.session-token=stolen', origin: 'http://app-shop.localhost', 'sec-fetch-site': 'same-site', host: 'berth.test' };

  beforeAll(async () => {
    tdb = await createTestDb('pglite');
    useDbHandle(tdb);
    const u = await createTestUser(tdb.db, 'admin');
    owner = { id: u.id, name: u.name, email: u.email, role: 'admin' };
    projectId = (await createProject(tdb.db, u.id, { name: 'cross site' })).project.id;
    token = (await createApiToken(tdb.db, u.id, { name: 'cross-site' })).token;
  });
  afterAll(async () => {
    setTestSessionUser(undefined);
    setTestRequestHeaders(undefined);
    await tdb?.dispose();
  });

  const paramsOf = (template: string) =>
    Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, m[1] === 'projectId' ? projectId : '00000000-0000-4000-8000-000000000000']));

  it('every write route refuses a sibling-origin post, a foreign Origin, and a request with neither header', async () => {
    let writes = 0;
    // The push webhook never reads the session cookie: the secret in its URL is the credential, so a
    // cross-site post carries nothing it would honour (a wrong secret is 404, tested with the webhook).
    const noSession = new Set(['/hooks/deploy/{serviceId}/{secret}']);
    for (const { file, template } of listRouteFiles().filter((r) => !noSession.has(r.template))) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of HTTP_METHODS.filter((m) => m !== 'GET' && typeof mod[m] === 'function')) {
        const params = paramsOf(template);
        const variants: Record<string, string>[] = [
          { ...sibling, 'content-type': 'text/plain' },
          { cookie: sibling.cookie, origin: 'https://evil.example', host: 'berth.test' },
          { cookie: sibling.cookie, 'sec-fetch-site': 'cross-site' },
        ];
        for (const headers of variants) {
          const res = await callRoute(file, method, params, { rawBody: '{"name":"x"}', headers: { 'sec-fetch-site': '', ...headers } });
          expect({ route: `${method} ${template}`, status: res.status, message: (res.json as { error?: { message?: string } })?.error?.message }).toEqual({
            route: `${method} ${template}`,
            status: 403,
            message: expect.stringMatching(/^Cross-site request refused/),
          });
        }
        writes++;
      }
    }
    expect(writes).toBeGreaterThanOrEqual(20);
  });

  it('a body that is not JSON is refused with 415, even with a token', async () => {
    const file = listRouteFiles().find((r) => r.template === '/projects/{projectId}/domains')!.file;
    const res = await callRoute(file, 'POST', { projectId }, { token, rawBody: '{"domain":"a.example.org"}', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
  });

  it('every server action refuses a sibling-origin post; from the dashboard origin it gets past the check', async () => {
    setTestSessionUser(owner);
    let checked = 0;
    for (const file of listActionModules()) {
      for (const [name, fn] of Object.entries(await import(file))) {
        const action = fn as WrappedAction;
        const form = new FormData();
        form.set('projectId', projectId);
        setTestRequestHeaders(new Headers(sibling));
        expect({ name, error: (await action({}, form)).error }).toEqual({ name, error: expect.stringMatching(/^Cross-site request refused/) });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
    // The same post from the dashboard's origin reaches validation (here: a missing field).
    const { addDomainAction } = await import('@/app/(dashboard)/projects/[projectId]/services/[serviceId]/actions');
    setTestRequestHeaders(new Headers({ origin: 'http://berth.test', host: 'berth.test', 'sec-fetch-site': 'same-origin' }));
    const form = new FormData();
    form.set('projectId', projectId);
    expect((await addDomainAction({}, form)).fieldErrors).toHaveProperty('serviceId');
  });
});
