import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { ensureAdmin, signIn } from './fixtures';

test.setTimeout(300_000);

test('docker kill of a service container shows as restarting, then running again, on the open page without a reload', async ({ page }) => {
  await ensureAdmin(page);
  await signIn(page);
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project name').fill('Heal');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { name: 'Heal' })).toBeVisible();
  const projectUrl = page.url();

  await page.getByRole('link', { name: 'Add service' }).click();
  await page.getByText('Node.js', { exact: true }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Hostname').fill('web');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Create service' }).click();
  await expect(page.getByRole('heading', { name: 'web' })).toBeVisible();
  const status = page.getByLabel(/^status /).first();
  await expect(status).toHaveText('running', { timeout: 120_000 });
  await expect(page.getByLabel('restarts 0')).toBeVisible();

  // Kill it from outside Berth; the page keeps its SSE stream and is never reloaded.
  const card = page.getByRole('listitem', { name: /^Container berth-/ }).first();
  const name = (await card.getAttribute('aria-label'))!.replace('Container ', '');
  execFileSync('docker', ['kill', name]);
  await expect(status).toHaveText(/restarting|starting|exited/, { timeout: 15_000 });
  await expect(status).toHaveText('running', { timeout: 90_000 });
  await expect(page.getByLabel('restarts 1')).toBeVisible();
  expect(execFileSync('docker', ['inspect', '-f', '{{.State.Running}}', name]).toString().trim()).toBe('true');

  await page.goto(projectUrl);
  await page.getByRole('button', { name: 'Delete project' }).click();
  await page.getByLabel('Type Heal to confirm').fill('Heal');
  await page.getByRole('button', { name: 'Delete forever' }).click();
  await expect(page.getByRole('link', { name: 'Heal' })).toHaveCount(0, { timeout: 90_000 });
});
