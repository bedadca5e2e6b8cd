import { expect, test, type Page } from '@playwright/test';
import { ensureAdmin, signIn } from './fixtures';

/** Set in the page to end the polling loop the test starts there. */
declare global {
  interface Window {
    stopPolling?: boolean;
  }
}

test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });

/** Through the wizard; `shots` saves each step (the first service's run documents the wizard). */
async function addService(page: Page, opts: { type: string; hostname: string; env?: [string, string][]; subdomain?: boolean; shots?: boolean }) {
  const step = async (name: string) => {
    if (opts.shots) await shot(page, `wizard-${name}`);
    await page.getByRole('button', { name: 'Next' }).click();
  };
  await page.getByRole('link', { name: 'Add service' }).click();
  await page.getByText(opts.type, { exact: true }).click();
  await step('type');
  await expect(page.getByRole('heading', { name: 'Version' })).toBeVisible();
  await step('version'); // the default version
  await page.getByLabel('Hostname').fill(opts.hostname);
  await step('hostname');
  await expect(page.getByRole('heading', { name: 'Scaling' })).toBeVisible();
  await step('scaling'); // defaults
  for (const [i, [key, value]] of (opts.env ?? []).entries()) {
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel(`Variable ${i + 1} key`).fill(key);
    // Typing `${` offers the project's references; choosing one completes it.
    const ref = /^\$\{(\w+)\}$/.exec(value);
    if (ref) {
      await page.getByLabel(`Variable ${i + 1} value`).pressSequentially('${' + ref[1]!.slice(0, 4));
      await page.getByRole('option', { name: value, exact: true }).click();
    }
    await expect(page.getByLabel(`Variable ${i + 1} value`)).toHaveValue(value);
  }
  if (opts.subdomain) await page.getByLabel('Enable subdomain access').check();
  if (opts.env) await shot(page, 'wizard-env'); // the runtime's step shows the completed reference
  await step(opts.env ? 'env-done' : 'env');
  await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
  if (opts.shots || opts.env) await shot(page, 'wizard-review');
  await page.getByRole('button', { name: 'Create service' }).click();
  await expect(page.getByRole('heading', { name: opts.hostname })).toBeVisible();
}

test('a new user creates a project, adds PostgreSQL and Node.js, opens the public URL, reads logs and stats, upgrades the core, then deletes it', async ({ page }) => {
  await ensureAdmin(page);
  await signIn(page);

  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project name').fill('Journey');
  await page.getByRole('radio', { name: /^Lightweight/ }).check();
  await shot(page, 'create-project-dialog');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { name: 'Journey' })).toBeVisible();
  await expect(page.getByText('ACTIVE').first()).toBeVisible({ timeout: 60_000 });
  const projectUrl = page.url();

  await addService(page, { type: 'PostgreSQL', hostname: 'db', shots: true });
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
    while (Date.now() < until && !window.stopPolling && result.ok + result.failed < 5000) {
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
  const facts = page.getByRole('list', { name: 'What the upgrade does' });
  for (const fact of ['Containers added: 2 balancer containers', 'Address unchanged', 'No downtime expected', 'Logs and statistics are kept', 'It cannot be undone']) {
    await expect(facts).toContainText(fact);
  }
  await shot(page, 'upgrade-dialog');
  await page.getByRole('button', { name: 'Upgrade now' }).click();
  // The dialog turns into the live upgrade process: its step log grows until it finishes.
  const dialog = page.getByRole('dialog', { name: 'Upgrading to the Serious core' });
  await expect(dialog.getByLabel('Upgrade process step log')).toContainText('starting two Serious balancers', { timeout: 60_000 });
  await shot(page, 'upgrade-running');
  await expect(dialog.getByLabel('Upgrade process: FINISHED')).toBeVisible({ timeout: 120_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('listitem', { name: 'project.upgradeCore FINISHED' })).toBeVisible();
  await expect(page.getByText('Serious: 2 balancers on one address')).toBeVisible();
  const coreList = page.getByRole('list', { name: 'Core containers' });
  for (const c of ['core-balancer-1', 'core-balancer-2', 'core-logger']) await expect(coreList).toContainText(c, { timeout: 30_000 });
  await expect(coreList).not.toContainText('core-balancer-0', { timeout: 30_000 });
  // The logger's archive moved with it: the line the app printed before the upgrade is in the download.
  const archiveHref = await page.getByRole('link', { name: "Download the project's log archive" }).first().getAttribute('href');
  await expect(async () => {
    const res = await page.request.get(archiveHref!);
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain('listening on :3000');
  }).toPass({ timeout: 30_000 });
  await site.evaluate(() => (window.stopPolling = true));
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
  // The project.delete process removes it (containers, volumes, network, core), then the row:
  // the open projects page shows DELETING, then drops the card, without a reload.
  await expect(page.getByRole('link', { name: 'Journey' })).toHaveCount(0, { timeout: 90_000 });
});
