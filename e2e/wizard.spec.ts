import { expect, test } from './fixtures';

test.setTimeout(120_000);

test('every wizard step refuses bad input with a field message and nothing is created', async ({ adminPage: page, project }) => {
  const projectUrl = project.url;
  await page.goto(projectUrl);
  await page.getByRole('link', { name: 'Add service' }).click();
  // 1: no type chosen
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Choose a service type' })).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/wizard-type-error.png', fullPage: true });
  await page.getByText('Node.js', { exact: true }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  // 3: invalid hostnames
  for (const [bad, message] of <[string, string][]>[
    ['My-App', 'Use lowercase letters a-z and digits 0-9 only'],
    ['a'.repeat(26), 'Use at most 25 characters'],
    ['core', 'This hostname is reserved'],
  ]) {
    await page.getByLabel('Hostname').fill(bad);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
  }
  await page.getByLabel('Hostname').fill('web');
  await page.getByRole('button', { name: 'Next' }).click();
  // 4: container count out of range
  await page.getByLabel('Containers', { exact: true }).fill('11');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Use 1 to 10 containers' })).toBeVisible();
  await page.getByLabel('Containers', { exact: true }).fill('2');
  // Automatic scaling: a minimum above the maximum, a maximum below the count.
  await page.getByLabel('Minimum CPU cores').fill('2');
  await page.getByLabel('Maximum CPU cores').fill('1');
  await page.getByLabel('Maximum containers').fill('1');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'At least the minimum (2)' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Use 2 (the containers above) to 10' })).toBeVisible();
  await page.getByLabel('Minimum CPU cores').fill('');
  await page.getByLabel('Maximum CPU cores').fill('');
  await page.getByLabel('Maximum containers').fill('');
  await page.getByRole('button', { name: 'Next' }).click();
  // 5: bad port, then bad env key
  await page.getByLabel('HTTP port').fill('70000');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Ports go from 10 to 65435' })).toBeVisible();
  await page.getByLabel('HTTP port').fill('8080');
  // A public port on the project address: 80 belongs to the edge; an address list needs addresses.
  await page.getByRole('button', { name: 'Add public port' }).click();
  await page.getByLabel('Public port 1', { exact: true }).fill('80');
  await page.getByLabel('Port 1 firewall').selectOption('allow');
  await page.getByLabel('Port 1 addresses').fill('not-an-address');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '80 and 443' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Use an IPv4 or IPv6 address or CIDR' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove public port 1' }).click();
  await page.getByRole('button', { name: 'Add variable' }).click();
  await page.getByLabel('Variable 1 key').fill('1BAD-KEY');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Use letters, digits and _ only' })).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/wizard-env-error.png', fullPage: true });

  // HA on a type without it (Debian: no HA mode).
  await page.goto(`${projectUrl}/services/new`);
  await page.getByText('Debian', { exact: true }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Hostname').fill('box');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Highly available').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Debian has no HA mode' })).toBeVisible();

  // Nothing was created.
  await page.goto(projectUrl);
  await expect(page.getByText('No services yet')).toBeVisible();
});

test('a duplicate hostname is refused live in the wizard', async ({ adminPage: page, project }) => {
  await project.addService({ hostname: 'box', type: 'debian' });
  await page.goto(project.url);
  await page.getByRole('link', { name: 'Add service' }).click();
  await page.getByText('Debian', { exact: true }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Hostname').fill('box');
  await expect(page.getByRole('alert').filter({ hasText: 'Another service of this project has this hostname' })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Hostname' })).toBeVisible();
});
