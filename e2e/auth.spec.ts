import { expect, test } from '@playwright/test';
import { admin, signIn } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('unauthenticated: dashboard redirects, API answers 401 JSON', async ({ page, request }) => {
  await page.goto('/projects');
  // No user yet: sign-in sends the visitor on to the first-admin page.
  await expect(page).toHaveURL(/\/setup/);
  const res = await request.get('/api/v1/projects');
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  // The served app runs on the embedded database (nothing set), and sees the engine.
  const health = await request.get('/api/health');
  expect(await health.json()).toMatchObject({ ok: true, database: { driver: 'pglite', ok: true }, docker: { ok: true } });
});

test('first admin: bad input gets field errors and creates nothing', async ({ page }) => {
  await page.goto('/setup');
  await page.getByLabel('Name').fill('');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('different');
  await page.getByRole('button', { name: 'Create admin' }).click();
  await expect(page.getByText('Enter a valid email address')).toBeVisible();
  await expect(page.getByText('Use at least 10 characters')).toBeVisible();
  await expect(page.getByText('Enter a name')).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/setup-errors.png' });
  // Nothing was created: the setup page still shows.
  await page.goto('/sign-in');
  await expect(page).toHaveURL(/\/setup/);
});

test('first admin, sign out, wrong password, sign in', async ({ page }) => {
  await page.goto('/setup');
  await page.getByLabel('Name').fill(admin.name);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Confirm password').fill(admin.password);
  await page.getByRole('button', { name: 'Create admin' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText('Admin created')).toBeVisible();

  await signIn(page);
  await expect(page.getByText('No projects yet')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill('wrong-password-123');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' })).toBeVisible();

  // Malformed sign-in form: field errors, no request made.
  await page.getByLabel('Email').fill('nope');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter a valid email address')).toBeVisible();

  await signIn(page);
  await page.screenshot({ path: 'e2e/screenshots/projects-empty.png' });
});

test('a second first-admin attempt is refused', async ({ page }) => {
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('sign-in never redirects off the site (callbackUrl //host is ignored)', async ({ page }) => {
  await page.goto('/sign-in?callbackUrl=//evil.example/steal');
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
});
