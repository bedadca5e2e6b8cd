import { expect, test } from './fixtures';

test.setTimeout(300_000);

test('object storage from the wizard: quota and access checked, shown on the service page, changed in place', async ({ adminPage: page, project }) => {
  await page.goto(project.url);
  await page.getByRole('link', { name: 'Add service' }).click();
  await page.getByText('Object storage', { exact: true }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Hostname').fill('files');
  await page.getByRole('button', { name: 'Next' }).click();

  // The scaling step asks for the bucket instead: a quota out of range, a custom policy without a document.
  await page.getByLabel('Quota (GB)').fill('101');
  await page.getByLabel('Bucket access').selectOption('custom');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Use 1 to 100 GB' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'is required with objectStoragePolicy: custom' })).toBeVisible();
  await page.getByLabel('Quota (GB)').fill('3');
  await page.getByLabel('Bucket access').selectOption('public-read');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
  await expect(page.getByText('3 GB quota, public-read')).toBeVisible();
  await page.getByRole('button', { name: 'Create service' }).click();

  await expect(page.getByRole('heading', { name: 'files' })).toBeVisible();
  const details = page.getByLabel('Bucket details');
  await expect(details).toContainText(/-files/);
  await expect(details).toContainText('3 GB');
  await expect(details).toContainText('public-read');
  await expect(page.getByLabel('service status ACTIVE')).toBeVisible({ timeout: 240_000 });

  // Changed in place: the container restarts with the new quota and access.
  await page.getByLabel('Quota (GB)').fill('5');
  await page.getByLabel('Access', { exact: true }).selectOption('private');
  await page.getByRole('button', { name: 'Save and restart' }).click();
  await expect(page.getByText('Saved; the storage restarts with the new settings')).toBeVisible();
  await expect(details).toContainText('5 GB');
  await expect(details).toContainText('private');
  await expect(page.getByRole('listitem', { name: 'stack.restart FINISHED' })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByLabel('service status ACTIVE')).toBeVisible();
});
