import { expect, test, type Page } from '@playwright/test';
import { admin, ensureUser, fillFirstAdmin, signIn, signOut } from './fixtures';

/**
 * The first spec file alphabetically: it runs on the empty database of a fresh e2e run, so it
 * sees the first-run flow. Tests run in order and build on each other.
 */
test.describe.configure({ mode: 'serial' });

/** The form's message (Next's route announcer is another, empty, role=alert outside <main>). */
const formAlert = (page: Page) => page.getByRole('main').getByRole('alert');

test('unauthenticated: a dashboard page redirects, /api/v1 answers 401 JSON, health reports the embedded database', async ({ page, request }) => {
  const res = await request.get('/projects', { maxRedirects: 0 });
  expect(res.status()).toBe(307);
  expect(res.headers()['location']).toMatch(/\/sign-in\?callbackUrl=%2Fprojects$/);
  // In a browser: no user exists yet, so sign-in sends on to the first-admin page.
  await page.goto('/projects');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Create the first admin' })).toBeVisible();

  const api = await request.get('/api/v1/projects');
  expect(api.status()).toBe(401);
  expect(api.headers()['content-type']).toContain('application/json');
  expect(await api.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
  const health = await request.get('/api/health');
  expect(await health.json()).toMatchObject({ ok: true, database: { driver: 'pglite', ok: true }, docker: { ok: true } });
});

test('first admin: bad input gets field errors and creates nothing', async ({ page }) => {
  await page.goto('/setup');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('different');
  await page.getByRole('button', { name: 'Create admin' }).click();
  await expect(page.getByText('Enter a name')).toBeVisible();
  await expect(page.getByText('Enter a valid email address')).toBeVisible();
  await expect(page.getByText('Use at least 10 characters')).toBeVisible();
  await expect(page.getByText('Passwords do not match')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  // What was typed is kept (but never the passwords).
  await expect(page.getByLabel('Email')).toHaveValue('not-an-email');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await page.screenshot({ path: 'e2e/screenshots/setup-errors.png' });
  // Nothing was created: sign-in still sends to the first-admin page.
  await page.goto('/sign-in');
  await expect(page).toHaveURL(/\/setup$/);
});

test('first admin, sign out, wrong password, sign in; a second first-admin form is refused', async ({ page, context }) => {
  // A second browser tab opens the setup form before the admin exists…
  const late = await context.newPage();
  await late.goto('/setup');
  await page.goto('/setup');
  await fillFirstAdmin(page);
  await expect(page).toHaveURL(/\/sign-in\?created=1$/);
  await expect(page.getByText('Admin created')).toBeVisible();

  // …and its submission is refused by the server; no second admin is made.
  await fillFirstAdmin(late, { name: 'Eve', email: 'eve@berth.test', password: 'eve-password-123' });
  await expect(late.getByRole('alert').filter({ hasText: 'An admin already exists. Sign in instead.' })).toBeVisible();
  await late.close();

  await signIn(page);
  await expect(page.getByText('No projects yet')).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/projects-empty.png' });
  await signOut(page);
  // Signed out means signed out: the dashboard redirects again.
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);

  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill('wrong-password-123');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' })).toBeVisible();
  // The same message for an email that does not exist: nothing tells them apart.
  await page.getByLabel('Email').fill('nobody@berth.test');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(formAlert(page)).toHaveText('Email or password is incorrect');

  // Malformed sign-in form: field errors, no request made.
  await page.getByLabel('Email').fill('nope');
  await page.getByLabel('Password').fill('');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter a valid email address')).toBeVisible();
  await expect(page.getByText('Enter your password')).toBeVisible();

  // The right password, and back to the page that was asked for.
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Account' })).toBeVisible();
});

test('after the first admin, /setup sends to sign-in', async ({ page }) => {
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('repeated failures for one email are stopped with a wait in minutes', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('locked-out@berth.test');
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Password').fill(`guess-number-${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(formAlert(page)).toHaveText('Email or password is incorrect');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  }
  await page.getByLabel('Password').fill('guess-number-5');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(formAlert(page)).toHaveText(/^Too many failed sign-in attempts\. Try again in 1[45] minutes\.$/);
});

test('API tokens: created and shown once, listed, revoked; a disabled user cannot sign in', async ({ page, request }) => {
  const bob = { name: 'Bob Builder', email: 'bob@berth.test', password: 'bob-password-123' };
  await ensureUser(page, bob);
  await signIn(page, bob);
  await page.getByRole('link', { name: 'Account' }).click();
  await page.getByLabel('Token name').fill('ci-deploy');
  await expect(page.getByLabel('Expires after')).toHaveValue('90'); // tokens expire unless chosen otherwise
  await page.getByLabel('Expires after').selectOption({ label: '30 days' });
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByLabel('New token', { exact: true }).textContent()) ?? '';
  expect(token).toMatch(/^berth_/);
  await expect(page.getByRole('button', { name: 'Copy token' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'ci-deploy', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: `${token.slice(0, 12)}…` })).toBeVisible();
  const expiry = await page.evaluate(() => new Date(Date.now() + 30 * 86_400_000).toLocaleDateString());
  await expect(page.getByRole('row', { name: /ci-deploy/ })).toContainText(expiry);

  const withToken = { headers: { authorization: `Bearer ${token}` } };
  expect((await request.get('/api/v1/projects', withToken)).status()).toBe(200);
  await page.reload();
  await expect(page.getByLabel('New token', { exact: true })).toHaveCount(0); // shown once only
  await page.getByRole('button', { name: 'Revoke ci-deploy' }).click();
  await expect(page.getByRole('row', { name: /ci-deploy/ }).getByText('revoked')).toBeVisible();
  expect((await request.get('/api/v1/projects', withToken)).status()).toBe(401);

  // The admin disables Bob: his next sign-in gets the same message as a wrong password.
  await signIn(page);
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: `Disable ${bob.email}` }).click();
  await expect(page.getByRole('button', { name: `Enable ${bob.email}` })).toBeVisible();
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(bob.email);
  await page.getByLabel('Password').fill(bob.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(formAlert(page)).toHaveText('Email or password is incorrect');
  // Enabled again, for specs that may use him later.
  await signIn(page);
  await page.goto('/admin/users');
  await page.getByRole('button', { name: `Enable ${bob.email}` }).click();
  await expect(page.getByRole('button', { name: `Disable ${bob.email}` })).toBeVisible();
});
