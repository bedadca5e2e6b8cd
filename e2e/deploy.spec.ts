import fs from 'node:fs/promises';
import path from 'node:path';
import { bareRepo, exampleCopy, pushDir } from '../lib/deploy/testing/git-repo';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.setTimeout(480_000);

/** An ed25519 host key as known_hosts holds it, and its fingerprint as `ssh-keygen -lf` prints it. */
const PINNED_KEY = 'AAAAC3NzaC1lZDI1NTE5AAAAIH8sm+8F02UnQO98tiru+PB2DwkvnOShMYJ9us02hkPx';
const PINNED_FINGERPRINT = 'SHA256:5bbY+F1nLEMNIe044yz9HA+z1FN9suZ9Lt31Y3nGYV8';

/** The example's greeting is stamped at build time from zerops.yml's build.envVariables. */
async function withGreeting(dir: string, greeting: string) {
  const file = path.join(dir, 'zerops.yml');
  await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace(/GREETING: .*/, `GREETING: ${greeting}`));
}

/**
 * Clicks `button` until `done` shows. Chromium drops requests in flight when the host's network
 * interfaces change (Docker adds one per container start), so a click may not reach Berth; one that
 * did shows within the wait (the panel polls), so a second click never repeats a change.
 */
async function clickUntil(page: Page, button: string, done: Locator, fill?: () => Promise<void>) {
  for (let attempt = 0; ; attempt++) {
    await fill?.();
    await page.getByRole('button', { name: button }).click();
    try {
      await expect(done).toBeVisible({ timeout: 45_000 });
      return;
    } catch (err) {
      if (attempt >= 2) throw err;
      await page.reload();
      if (await done.isVisible()) return;
    }
  }
}

test('a user deploys the Node.js example from Git in the dashboard, watches the build log, opens the app, deploys a change and rolls back', async ({ adminPage: page, project, context }) => {
  await project.addService({ hostname: 'db', type: 'postgresql' });
  const appId = await project.addService({ hostname: 'app', type: 'nodejs', subdomainAccess: true });
  const first = await exampleCopy('nodejs', (dir) => withGreeting(dir, 'hello from version one'));
  const repo = await bareRepo(first);

  await page.goto(`${project.url}/services/${appId}`);
  await expect(page.getByText('No code is deployed yet')).toBeVisible();
  const log = page.getByLabel('Build log of version 1');
  const fillSource = async () => {
    await page.getByLabel('Repository URL').fill(repo.path);
    await page.getByLabel('Branch, tag or commit').fill('main');
  };
  await clickUntil(page, 'Deploy from Git', log, fillSource);

  // The build log follows live, then the version becomes active.
  await expect(log).toContainText('npm i --no-audit', { timeout: 120_000 });
  await expect(page.getByLabel('version 1 status ACTIVE')).toBeVisible({ timeout: 300_000 });
  await expect(log).toContainText('built dist/server.js');

  const publicUrl = (await page.getByRole('link', { name: /^http:\/\/app-/ }).getAttribute('href'))!;
  const site = await context.newPage();
  const answers = async (text: string) =>
    expect(async () => {
      const res = await site.goto(publicUrl);
      expect(res?.status()).toBe(200);
      expect(await site.textContent('body')).toContain(text);
    }).toPass({ timeout: 60_000 });
  await answers('hello from version one');

  // A change: a new commit on the branch, deployed again from the dashboard.
  const second = await exampleCopy('nodejs', (dir) => withGreeting(dir, 'hello from version two'));
  await pushDir(second, repo.path, 'main');
  await clickUntil(page, 'Deploy from Git', page.getByLabel('Build log of version 2'), fillSource);
  await expect(page.getByLabel('version 2 status ACTIVE')).toBeVisible({ timeout: 300_000 });
  await expect(page.getByLabel('version 1 status BACKUP')).toBeVisible();
  await answers('hello from version two');

  // Rollback: version 1 again, without a build.
  await clickUntil(page, 'Activate version 1', page.getByLabel(/^version 1 status (DEPLOYING|ACTIVE)$/));
  await expect(page.getByLabel('version 1 status ACTIVE')).toBeVisible({ timeout: 120_000 });
  await answers('hello from version one');

  // The ssh deploy key for private repositories: none yet, then one created, its public line shown.
  // A Git host's key as an earlier ssh fetch pinned it is listed beside it, and can be forgotten.
  const knownHosts = path.join(process.env.E2E_DATA_DIR!, 'deploy', 'known-hosts', appId);
  await fs.mkdir(path.dirname(knownHosts), { recursive: true });
  await fs.writeFile(knownHosts, `[127.0.0.1]:2222 ssh-ed25519 ${PINNED_KEY}\n`);
  await clickUntil(page, 'Show deploy key', page.getByText('This service has no deploy key yet.'));
  const pinned = page.getByRole('list', { name: 'Pinned host keys' });
  await expect(pinned).toContainText(`[127.0.0.1]:2222 ssh-ed25519 ${PINNED_FINGERPRINT}`);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Forget the key of [127.0.0.1]:2222' }).click();
  await expect(pinned).toBeHidden();
  await expect(fs.access(knownHosts)).rejects.toThrow();
  await clickUntil(page, 'Create deploy key', page.getByLabel('Deploy public key'));
  await expect(page.getByLabel('Deploy public key')).toHaveText(/^ssh-ed25519 \S+ berth-app@/);
  await page.screenshot({ path: 'e2e/screenshots/deploys.png', fullPage: true });

  for (const dir of [first, second, repo.path]) await fs.rm(dir, { recursive: true, force: true });
});
