import { test as base, expect, request, type APIRequestContext, type Cookie, type Page } from '@playwright/test';

/**
 * Helpers every spec may use. The e2e run starts on an empty database and runs spec files in
 * alphabetical order with one worker; these helpers work whichever spec runs first:
 * ensureAdmin creates the first admin only when none exists, ensureUser creates a user only when
 * it is not there yet, and signIn starts from a signed-out browser.
 */
export interface TestUser {
  name: string;
  email: string;
  password: string;
}

export const admin: TestUser = { name: 'Ada Admin', email: 'admin@berth.test', password: 'correct-horse-battery' };

/** Fills and submits the first-admin form on the current page (which must be /setup). */
export async function fillFirstAdmin(page: Page, user: TestUser = admin) {
  await page.getByLabel('Name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByLabel('Confirm password').fill(user.password);
  await page.getByRole('button', { name: 'Create admin' }).click();
}

/** Creates the first admin when the app has none yet. */
export async function ensureAdmin(page: Page) {
  await page.goto('/setup');
  if (new URL(page.url()).pathname !== '/setup') return;
  await fillFirstAdmin(page);
  await expect(page).toHaveURL(/\/sign-in/);
}

/** Signs in from a signed-out browser and waits for the projects page. */
export async function signIn(page: Page, user: Pick<TestUser, 'email' | 'password'> = admin) {
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/**
 * Makes sure `user` exists (created by the admin on the Users page when missing) and leaves the
 * browser signed in as the admin.
 */
export async function ensureUser(page: Page, user: TestUser, role: 'user' | 'admin' = 'user') {
  await ensureAdmin(page);
  await signIn(page);
  await page.goto('/admin/users');
  const row = page.getByRole('cell', { name: user.email, exact: true });
  if (await row.isVisible()) return;
  await page.getByLabel('Name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Initial password').fill(user.password);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(row).toBeVisible();
}

/** A project made through the REST API for one test, deleted (with its containers) in teardown. */
export interface ProjectFixture {
  id: string;
  name: string;
  /** The project page's path. */
  url: string;
  /** Adds a service through the API and returns its id. */
  addService(body: Record<string, unknown>): Promise<string>;
}

interface Fixtures {
  /** The page, signed in as the admin through next-auth's endpoints (no typing). */
  adminPage: Page;
  project: ProjectFixture;
}

interface WorkerFixtures {
  /** REST client authenticated with a personal API token of the admin, made once per worker. */
  adminApi: APIRequestContext;
  adminCookies: Cookie[];
}

let projectCounter = 0;

export const test = base.extend<Fixtures, WorkerFixtures>({
  adminCookies: [
    async ({ browser }, provide, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL!;
      const page = await browser.newPage({ baseURL });
      await ensureAdmin(page);
      await page.close();
      const session = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
      const { csrfToken } = (await (await session.get('/api/auth/csrf')).json()) as { csrfToken: string };
      const login = await session.post('/api/auth/callback/credentials', {
        form: { csrfToken, email: admin.email, password: admin.password, json: 'true', callbackUrl: baseURL },
      });
      expect(login.ok()).toBe(true);
      const { cookies } = await session.storageState();
      await session.dispose();
      expect(cookies.some((c) => c.name.includes('session-token'))).toBe(true);
      await provide(cookies);
    },
    { scope: 'worker' },
  ],
  adminApi: [
    async ({ adminCookies }, provide, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL!;
      const session = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL }, storageState: { cookies: adminCookies, origins: [] } });
      const res = await session.post('/api/v1/tokens', { data: { name: `e2e-${workerInfo.workerIndex}-${Date.now()}`, expiresInDays: '7' } });
      expect(res.status()).toBe(201);
      const { token } = (await res.json()) as { token: string };
      await session.dispose();
      const api = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
      await provide(api);
      await api.dispose();
    },
    { scope: 'worker' },
  ],
  adminPage: async ({ page, adminCookies }, provide) => {
    await page.context().addCookies(adminCookies);
    await provide(page);
  },
  project: async ({ adminApi }, provide, testInfo) => {
    const name = `${testInfo.title.slice(0, 24).trim()} ${testInfo.workerIndex}-${++projectCounter}`;
    const res = await adminApi.post('/api/v1/projects', { data: { name } });
    expect(res.status(), await res.text()).toBe(202);
    const { project } = (await res.json()) as { project: { id: string } };
    const id = project.id;
    await provide({
      id,
      name,
      url: `/projects/${id}`,
      async addService(body) {
        const r = await adminApi.post(`/api/v1/projects/${id}/services`, { data: body });
        expect(r.status(), await r.text()).toBe(202);
        return ((await r.json()) as { service: { id: string } }).service.id;
      },
    });
    // Teardown: delete through the API and wait until the project (and its Docker objects) is gone.
    const del = await adminApi.delete(`/api/v1/projects/${id}`);
    expect([202, 404]).toContain(del.status());
    await expect.poll(async () => (await adminApi.get(`/api/v1/projects/${id}`)).status(), { timeout: 90_000 }).toBe(404);
  },
});

export { expect };
