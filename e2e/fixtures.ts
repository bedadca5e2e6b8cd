import { expect, type Page } from '@playwright/test';

export const admin = { name: 'Ada Admin', email: 'admin@berth.test', password: 'correct-horse-battery' };

/** Creates the first admin when the app has none yet (spec files may run in any order). */
export async function ensureAdmin(page: Page) {
  await page.goto('/setup');
  if (new URL(page.url()).pathname !== '/setup') return;
  await page.getByLabel('Name').fill(admin.name);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Confirm password').fill(admin.password);
  await page.getByRole('button', { name: 'Create admin' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

export async function signIn(page: Page, user: { email: string; password: string } = admin) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
}
