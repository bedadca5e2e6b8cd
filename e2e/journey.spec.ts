import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { ensureAdmin, signIn } from './fixtures';

test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });

async function addService(page: Page, opts: { type: string; hostname: string; env?: [string, string][]; subdomain?: boolean }) {
  await page.getByRole('link', { name: 'Add service' }).click();
  await page.getByText(opts.type, { exact: true }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click(); // version: the default
  await page.getByLabel('Hostname').fill(opts.hostname);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click(); // scaling: defaults
  for (const [i, [key, value]] of (opts.env ?? []).entries()) {
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel(`Variable ${i + 1} key`).fill(key);
    await page.getByLabel(`Variable ${i + 1} value`).fill(value);
  }
  if (opts.subdomain) await page.getByLabel('Enable subdomain access').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await shot(page, 'wizard-review');
  await page.getByRole('button', { name: 'Create service' }).click();
  await expect(page.getByRole('heading', { name: opts.hostname })).toBeVisible();
}

test('a new user creates a project, adds PostgreSQL and Node.js, reads logs and stats, then deletes it', async ({ page }) => {
  await ensureAdmin(page);
  await signIn(page);

  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project name').fill('Journey');
  await page.getByText('Lightweight').click();
  await shot(page, 'create-project-dialog');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { name: 'Journey' })).toBeVisible();
  await expect(page.getByText('ACTIVE').first()).toBeVisible({ timeout: 60_000 });
  const projectUrl = page.url();

  await addService(page, { type: 'PostgreSQL', hostname: 'db' });
  await expect(page.getByLabel(/^status /).first()).toHaveText('running', { timeout: 120_000 });

  await page.goto(projectUrl);
  await addService(page, { type: 'Node.js', hostname: 'app', env: [['DATABASE_URL', '${db_connectionString}']], subdomain: true });
  await expect(page.getByLabel(/^status /).first()).toHaveText('running', { timeout: 120_000 });
  await expect(page.getByText('ACTIVE').first()).toBeVisible({ timeout: 60_000 });

  // Logs: the placeholder prints a line when it starts listening.
  await expect(page.getByLabel('Log lines')).toContainText('listening on :3000', { timeout: 30_000 });
  // Statistics: the sampler writes a point every 2 s in the e2e server.
  await expect(page.getByRole('img', { name: /^CPU: [1-9]\d* samples/ })).toBeVisible({ timeout: 30_000 });
  await shot(page, 'service-page');

  // docker kill from outside: the open page shows the repair without a reload.
  const container = (await page.getByLabel(/^Container berth-/).first().getAttribute('aria-label'))!.replace('Container ', '');
  execFileSync('docker', ['kill', container]);
  await expect(page.getByLabel(/^status /).first()).not.toHaveText('running', { timeout: 15_000 });
  await expect(page.getByLabel(/^status /).first()).toHaveText('running', { timeout: 60_000 });

  // The runtime's public subdomain URL, through the edge and the project's own balancer.
  const publicUrl = (await page.getByRole('link', { name: /^http:\/\/app-journey\./ }).getAttribute('href'))!;
  const site = await page.context().newPage();
  await expect(async () => {
    const res = await site.goto(publicUrl);
    expect(res?.status()).toBe(200);
  }).toPass({ timeout: 30_000 });
  await expect(site.getByRole('heading', { name: 'app is running on Berth' })).toBeVisible();

  await page.goto(projectUrl);
  await expect(page.getByRole('link', { name: 'Service db' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Service app' })).toBeVisible();
  await shot(page, 'project-page');

  // Upgrade the core while the public URL keeps answering (the site page polls it, bounded).
  const polling = site.evaluate(async () => {
    const result = { ok: 0, failed: 0, codes: [] as string[] };
    const until = Date.now() + 90_000;
    while (Date.now() < until && !(window as unknown as { stopPolling?: boolean }).stopPolling && result.ok + result.failed < 5000) {
      try {
        const r = await fetch('/', { cache: 'no-store' });
        if (r.ok) result.ok++;
        else {
          result.failed++;
          if (result.codes.length < 5) result.codes.push(`${r.status} ${(await r.text()).slice(0, 60)}`);
        }
      } catch (e) {
        result.failed++;
        if (result.codes.length < 5) result.codes.push(String(e));
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return result;
  });
  await page.getByRole('button', { name: 'Upgrade to Serious' }).click();
  await expect(page.getByText('The address')).toBeVisible();
  await shot(page, 'upgrade-dialog');
  await page.getByRole('button', { name: 'Upgrade now' }).click();
  await expect(page.getByRole('listitem', { name: 'project.upgradeCore FINISHED' })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText('Serious: 2 balancers on one address')).toBeVisible();
  await site.evaluate(() => ((window as unknown as { stopPolling?: boolean }).stopPolling = true));
  const polled = await polling;
  expect(polled.ok).toBeGreaterThan(10);
  expect(polled.codes).toEqual([]);
  expect(polled.failed).toBe(0);

  // A public TCP port to PostgreSQL on the project address, from the service page.
  await page.getByRole('link', { name: 'Service db' }).click();
  await page.getByLabel('Public port').fill('15432');
  await page.getByRole('button', { name: 'Open port' }).click();
  await expect(page.getByText(/tcp:\/\/127\.0\.100\.\d+:15432 → :5432/)).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'stack.updatePorts FINISHED' })).toBeVisible({ timeout: 60_000 });

  await page.goto('/projects');
  await expect(page.getByRole('link', { name: 'Journey' })).toBeVisible();
  await shot(page, 'projects-page');
  await page.goto(projectUrl);
  await page.getByRole('button', { name: 'Delete project' }).click();
  await page.getByLabel('Type Journey to confirm').fill('Journey');
  await page.getByRole('button', { name: 'Delete forever' }).click();
  await expect(page.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
  // The project.delete process removes it (containers, volumes, network, core), then the row.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('link', { name: 'Journey' })).toHaveCount(0);
  }).toPass({ timeout: 60_000 });
});
