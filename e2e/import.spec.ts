import { expect, test } from './fixtures';

test.setTimeout(240_000);

const broken = `project:
  name: e2e-import
services:
  - hostname: app
    type: nodejs@18
    startWithoutCode: true
    colour: blue
`;
const fixed = broken.replace('    colour: blue\n', '');

test('a user pastes an import file with an error, sees it at its line, fixes it, imports, watches the process and exports the project', async ({ adminPage: page, adminApi }) => {
  await page.goto('/projects');
  await page.getByRole('link', { name: 'Import project' }).click();
  const editor = page.getByLabel('Import YAML');
  await editor.fill(broken);
  await page.getByRole('button', { name: 'Check and preview' }).click();

  // The unknown key is named with its line, in the list and in the editor's gutter.
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('line 7');
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('colour');
  await expect(page.locator('.cm-lint-marker-error')).toHaveCount(1);
  await page.screenshot({ path: 'e2e/screenshots/import-error.png', fullPage: true });

  await editor.fill(fixed);
  await page.getByRole('button', { name: 'Check and preview' }).click();
  await expect(page.getByRole('table', { name: 'Import preview' })).toContainText('nodejs@18');
  await expect(page.locator('.cm-lint-marker-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Import project' }).click();

  // The project page follows the import process to its end.
  await expect(page.getByRole('heading', { name: 'e2e-import' })).toBeVisible();
  const projectId = new URL(page.url()).pathname.split('/')[2]!;
  await expect(page.getByRole('listitem', { name: 'project.import FINISHED' })).toBeVisible({ timeout: 180_000 });

  await page.getByRole('button', { name: 'Export as YAML' }).click();
  const exported = page.getByLabel('Exported YAML');
  await expect(exported).toContainText('hostname: app');
  await expect(exported).toContainText('type: nodejs@18');
  await page.getByRole('button', { name: 'Close' }).click();

  const del = await adminApi.delete(`/api/v1/projects/${projectId}`);
  expect(del.status()).toBe(202);
  await expect.poll(async () => (await adminApi.get(`/api/v1/projects/${projectId}`)).status(), { timeout: 90_000 }).toBe(404);
});
