import { expect, test } from '@playwright/test';
import { ensureAdmin, signIn } from './fixtures';

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

const viewer = { name: 'Vera Viewer', email: 'viewer@berth.test', password: 'viewer-password-1' };
const outsider = { name: 'Otto Outsider', email: 'outsider@berth.test', password: 'outsider-password-1' };
let projectUrl = '';

test('the admin creates users and shares a project with a viewer', async ({ page }) => {
  await ensureAdmin(page);
  await signIn(page);
  await page.getByRole('link', { name: 'Users' }).click();
  for (const u of [viewer, outsider]) {
    await page.getByLabel('Name').fill(u.name);
    await page.getByLabel('Email').fill(u.email);
    await page.getByLabel('Initial password').fill(u.password);
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByRole('cell', { name: u.email, exact: true })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Projects', exact: true }).click();
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project name').fill('Shared');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { name: 'Shared' })).toBeVisible();
  projectUrl = page.url();
  await page.getByLabel('Member email').fill(viewer.email);
  await page.getByLabel('Access', { exact: true }).selectOption('viewer');
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByText(`${viewer.email} · viewer`)).toBeVisible();
});

test('a viewer sees the project and no mutation control', async ({ page }) => {
  await signIn(page, viewer);
  await page.goto(projectUrl);
  await expect(page.getByRole('heading', { name: 'Shared' })).toBeVisible();
  await expect(page.getByText('read only')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add service' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete project' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save variable' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add person' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Cancel/ })).toHaveCount(0);
  // Every enabled button left reads or filters; none changes the project.
  const mutation = /save|add|delete|remove|cancel|upgrade|start|stop|restart|scale|open|close|publish|stage|enable|disable|create|forward/i;
  const names = await page.getByRole('button').evaluateAll((els) => els.filter((e) => !(e as HTMLButtonElement).disabled).map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
  expect(names.filter((n) => mutation.test(n))).toEqual([]);
  await expect(page.getByRole('textbox', { name: 'Key' })).toHaveCount(0);
  // And the add-service wizard is not theirs: a 404, like a project they cannot see.
  const res = await page.goto(`${projectUrl}/services/new`);
  expect(res?.status()).toBe(404);
});

test('a user who is not a member gets a 404 page', async ({ page }) => {
  await signIn(page, outsider);
  const res = await page.goto(projectUrl);
  expect(res?.status()).toBe(404);
  await expect(page.getByText(/could not be found|404/i).first()).toBeVisible();
});
