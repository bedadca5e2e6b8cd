import { expect, test } from '@playwright/test';
import { ensureAdmin, signIn } from './fixtures';

test.setTimeout(150_000);

test('a project created IPv6-only shows its address with a copy button, gets an IPv4 address later, both are on its card, and the name filter finds it', async ({ page }) => {
  await ensureAdmin(page);
  await signIn(page);
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project name').fill('Addresses');
  await page.getByRole('radio', { name: 'IPv6 only' }).check();
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { name: 'Addresses' })).toBeVisible();
  await expect(page.getByText('ACTIVE').first()).toBeVisible({ timeout: 60_000 });
  const header = page.getByRole('definition').filter({ has: page.getByRole('button', { name: 'Copy IPv6' }) }).first();
  await expect(header).toContainText(/[0-9a-f]+:[0-9a-f:]+/);
  await expect(page.getByRole('button', { name: 'Copy IPv4' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Add an IPv4 address' }).click();
  await expect(page.getByRole('button', { name: 'Copy IPv4' }).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Release the IPv4 address' })).toBeVisible();

  const projectUrl = page.url();
  await page.goto('/projects');
  const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Addresses', exact: true }) });
  await expect(card.getByRole('button', { name: 'Copy IPv6' })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Copy IPv4' })).toBeVisible();

  // The name filter has its own URL and lists only the projects whose name contains it.
  await page.goto('/projects?q=dress');
  await expect(page.getByLabel('Name contains')).toHaveValue('dress');
  await expect(page.getByRole('link', { name: 'Addresses', exact: true })).toBeVisible();
  await expect(page.getByText(/^Page 1 of 1 \(\d+ projects?\)$/)).toBeVisible();
  await page.getByLabel('Name contains').fill('no such name');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/\/projects\?q=no\+such\+name$/);
  await expect(page.getByText('No project name contains “no such name”.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Addresses', exact: true })).toHaveCount(0);

  await page.goto(projectUrl);
  await page.getByRole('button', { name: 'Delete project' }).click();
  await page.getByLabel('Type Addresses to confirm').fill('Addresses');
  await page.getByRole('button', { name: 'Delete forever' }).click();
  await expect(page.getByRole('link', { name: 'Addresses', exact: true })).toHaveCount(0, { timeout: 90_000 });
});
