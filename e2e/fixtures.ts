import { expect, type Page } from '@playwright/test';

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
