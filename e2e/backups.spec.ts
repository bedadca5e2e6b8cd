import { execFileSync } from 'node:child_process';
import { expect, test } from './fixtures';

test.setTimeout(360_000);

/** psql in the database's own container, as its owner over the local socket (the image trusts local connections). */
function psql(container: string, sql: string): string {
  const script = 'exec psql -U "$POSTGRES_USER" -d "$POSTGRES_DB" -v ON_ERROR_STOP=1 -qtAc "$0"';
  return execFileSync('docker', ['exec', container, 'sh', '-c', script, sql], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
    .toString()
    .trim();
}

test('a user schedules backups, backs up a database now, drops a table with a client, restores, and the table is back', async ({
  adminPage: page,
  project,
}) => {
  const serviceId = await project.addService({ hostname: 'db', type: 'postgresql@15' });
  await page.goto(`${project.url}/services/${serviceId}`);
  await expect(page.getByRole('heading', { name: 'Backups' })).toBeVisible();
  await expect(page.getByLabel('service status ACTIVE')).toBeVisible({ timeout: 180_000 });
  const card = page.getByRole('listitem', { name: /^Container berth-/ }).first();
  const container = (await card.getAttribute('aria-label'))!.replace('Container ', '');

  psql(
    container,
    "create table notes (id int primary key, body text); insert into notes select g, 'note ' || g from generate_series(1, 300) g",
  );
  const digest = "select count(*) || ':' || md5(string_agg(id || body, ',' order by id)) from notes";
  const known = psql(container, digest);
  expect(known).toMatch(/^300:/);

  // A schedule: daily at 02:30, its next runs shown.
  await page.getByLabel('Back up on a schedule').check();
  await page.getByLabel('Cron (minute hour day month weekday)').fill('30 2 * * *');
  await page.getByLabel('Time zone').fill('UTC');
  await page.getByRole('button', { name: 'Save schedule' }).click();
  const nextRuns = page.getByRole('list', { name: 'Next scheduled backups' }).getByRole('listitem');
  await expect(nextRuns).toHaveCount(5);

  await page.getByRole('button', { name: 'Back up now' }).click();
  const complete = page.getByLabel('backup status COMPLETE');
  await expect(complete).toHaveCount(1, { timeout: 120_000 });

  psql(container, 'drop table notes');
  expect(psql(container, "select count(*) from pg_tables where tablename = 'notes'")).toBe('0');

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(
    page.getByText('Restoring: the live data is replaced once the backup has loaded.'),
  ).toBeVisible();
  await expect
    .poll(
      () => {
        try {
          return psql(container, digest);
        } catch {
          return 'not yet';
        }
      },
      { timeout: 120_000, intervals: [1_000] },
    )
    .toBe(known);
});
