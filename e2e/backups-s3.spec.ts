import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { getObject } from '../lib/backups/s3';
import { expect, test } from './fixtures';

test.setTimeout(360_000);

/**
 * A local S3 server (s3rver) on a loopback port as the project's backup target, set through the
 * project page's form; a backup made from the dashboard lands in the bucket, and the secret key
 * never comes back to the browser.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-s3-'));
const bucket = 'berth-e2e';
// s3rver checks the access key id only; a secret of this run's own is what must never be shown.
const secret = `e2e-secret-${Date.now().toString(36)}`;
let server: S3rver;
let endpoint = '';

test.beforeAll(async () => {
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});

test.afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a user sets an S3 bucket as the backup target, backs up into it from the dashboard, and the secret is never shown', async ({
  adminPage: page,
  adminApi,
  project,
}) => {
  const serviceId = await project.addService({ hostname: 'db', type: 'postgresql@15' });
  await page.goto(project.url);
  const storage = page.getByRole('region', { name: 'Backup storage' });
  await expect(storage).toContainText("kept under the server's data directory");

  const fill = async (values: { endpoint: string; bucket: string }) => {
    await storage.getByLabel('Endpoint URL').fill(values.endpoint);
    await storage.getByLabel('Bucket', { exact: true }).fill(values.bucket);
    await storage.getByLabel('Access key ID').fill('S3RVER');
    await storage.getByLabel('Secret access key').fill(secret);
    await storage.getByRole('button', { name: 'Test and save' }).click();
  };

  // Refused by the domain's rules and by the bucket itself, each named beside its field.
  await fill({ endpoint: 'ftp://files.example', bucket: bucket });
  await expect(storage.getByText('must be an http:// or https:// URL')).toBeVisible();
  await fill({ endpoint, bucket: 'no-such-bucket' });
  await expect(storage.getByText(/HTTP 404 NoSuchBucket/)).toBeVisible();
  await expect(storage.getByRole('definition')).toHaveCount(0);

  await fill({ endpoint, bucket });
  await expect(page.getByText(`New backups go to the bucket ${bucket}.`)).toBeVisible();
  const shown = storage.getByLabel('Backup target');
  await expect(shown).toContainText(endpoint);
  await expect(shown).toContainText('us-east-1');
  await expect(shown).toContainText('set, stored encrypted (never shown)');
  await storage.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText(`The bucket ${bucket} took a test write and delete.`)).toBeVisible();
  await page.reload();
  expect(await page.content()).not.toContain(secret);

  await page.goto(`${project.url}/services/${serviceId}`);
  await expect(page.getByLabel('service status ACTIVE')).toBeVisible({ timeout: 180_000 });
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByLabel('backup status COMPLETE')).toHaveCount(1, { timeout: 120_000 });
  const row = page.getByRole('row').filter({ has: page.getByLabel('backup status COMPLETE') });
  await expect(row.getByRole('cell', { name: 'S3 bucket', exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // The encrypted file is the bucket's object, the same size the dashboard lists.
  const list = (await (await adminApi.get(`/api/v1/projects/${project.id}/services/${serviceId}/backups`)).json()) as {
    backups: { location: string; sizeBytes: number }[];
  };
  const [backup] = list.backups;
  expect(backup?.location).toMatch(/^s3:backups\//);
  const target = { endpoint, bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: secret };
  const chunks: Buffer[] = [];
  for await (const c of await getObject(target, backup!.location.slice('s3:'.length))) chunks.push(c as Buffer);
  expect(Buffer.concat(chunks).length).toBe(backup!.sizeBytes);
  const api = await (await adminApi.get(`/api/v1/projects/${project.id}/backups/target`)).text();
  expect(api).toContain(bucket);
  expect(api).not.toContain(secret);

  // The target stays while a backup is in the bucket; once it is deleted, the target can go.
  await page.goto(project.url);
  page.on('dialog', (d) => void d.accept());
  await storage.getByRole('button', { name: 'Remove target' }).click();
  await expect(page.getByText('1 backup(s) are in the bucket: delete them first, or keep the target')).toBeVisible();
  await page.goto(`${project.url}/services/${serviceId}`);
  await page.getByRole('button', { name: /^Delete the backup of / }).click();
  await expect(page.getByText('No backups yet.')).toBeVisible();
  await page.goto(project.url);
  await storage.getByRole('button', { name: 'Remove target' }).click();
  await expect(storage).toContainText("kept under the server's data directory");
});
