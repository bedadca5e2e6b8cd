import { execFileSync } from 'node:child_process';
import { expect, test } from './fixtures';

test.setTimeout(300_000);

test('docker kill of a service container shows as restarting, then running again, on the open page without a reload', async ({ adminPage: page, project }) => {
  const serviceId = await project.addService({ hostname: 'web', type: 'nodejs' });
  await page.goto(`${project.url}/services/${serviceId}`);
  await expect(page.getByRole('heading', { name: 'web', exact: true })).toBeVisible();
  const status = page.getByLabel(/^status /).first();
  await expect(status).toHaveText('running', { timeout: 120_000 });
  await expect(page.getByLabel('restarts 0')).toBeVisible();
  // A death counts as a restart only while no process of the project runs: let stack.create finish.
  await expect(page.getByLabel('service status ACTIVE')).toBeVisible({ timeout: 120_000 });

  // Kill it from outside Berth; the page keeps its SSE stream and is never reloaded.
  const card = page.getByRole('listitem', { name: /^Container berth-/ }).first();
  const name = (await card.getAttribute('aria-label'))!.replace('Container ', '');
  execFileSync('docker', ['kill', name]);
  await expect(status).toHaveText(/restarting|starting|exited/, { timeout: 15_000 });
  await expect(status).toHaveText('running', { timeout: 90_000 });
  await expect(page.getByLabel('restarts 1')).toBeVisible();
  expect(execFileSync('docker', ['inspect', '-f', '{{.State.Running}}', name]).toString().trim()).toBe('true');

});
