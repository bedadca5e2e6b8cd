import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployArchive, getVersionWithLog } from '@/lib/domain/deploys';
import { waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { tarGz } from './testing/fixtures';
import { deployProject } from './testing/harness';

/** An app whose cron entries append "<kind> <minute> <container>" to files on the service's shared volume; it answers them. */
async function app(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-cron-app-'));
  await fs.mkdir(path.join(dir, 'jobs'));
  await fs.writeFile(path.join(dir, 'jobs', 'where.sh'), 'echo "$1 $(date -u +%H%M) $(cat /etc/hostname) $(pwd)" >> /run/berth-once/ticks\n');
  await fs.writeFile(
    path.join(dir, 'server.js'),
    `const fs = require('node:fs');\nrequire('node:http').createServer((q, s) => { let t = ''; try { t = fs.readFileSync('/run/berth-once/ticks', 'utf8'); } catch {} s.end(t); }).listen(3000, '0.0.0.0');\n`,
  );
  await fs.writeFile(
    path.join(dir, 'zerops.yml'),
    `zerops:
  - setup: app
    build:
      base: nodejs@18
      deployFiles: ./
    run:
      base: nodejs@18
      ports:
        - port: 3000
          httpSupport: true
      start: node server.js
      crontab:
        - timing: '* * * * *'
          command: sh where.sh once
          workingDir: jobs
        - timing: '* * * * *'
          command: sh jobs/where.sh all
          allContainers: true
        - timing: '0 0 30 2 *'
          command: sh jobs/where.sh never
`,
  );
  return dir;
}

describe('run.crontab', () => {
  let t: Awaited<ReturnType<typeof deployProject>>;
  let appId: string;

  beforeAll(async () => {
    t = await deployProject('deploy crontab');
    appId = (await t.add('app', 'nodejs@18', { containerCount: 2 })).id;
  }, 300_000);
  afterAll(async () => {
    await t?.dispose();
  }, 120_000);

  it('runs entries each minute: allContainers in every container, the others in one container per minute', async () => {
    const { version, process } = await deployArchive(t.db, t.userId, t.project.id, appId, await tarGz(await app()));
    const done = await waitProcess(t.db, process.id, 300_000).catch((e: Error) => ({ error: e.message, status: 'TIMEOUT' }));
    const { log } = await getVersionWithLog(t.db, t.userId, t.project.id, appId, version.id);
    expect(done.error ?? 'ok', log.map((l) => l.message).join('\n').slice(-2500)).toBe('ok');

    // A minute in which both containers ran the allContainers entry.
    const lines = await waitFor(
      'a minute with the allContainers entry run by both containers',
      async () => {
        const r = await t.get('app');
        const rows = r.body.split('\n').filter(Boolean).map((l) => l.split(' '));
        const minutes = new Set(rows.filter((x) => x[0] === 'all').map((x) => x[1]));
        const full = [...minutes].find((m) => new Set(rows.filter((x) => x[0] === 'all' && x[1] === m).map((x) => x[2])).size === 2);
        return full && rows.some((x) => x[0] === 'once' && x[1] === full) ? rows : undefined;
      },
      200_000,
      1_000,
    );
    const once = lines.filter((x) => x[0] === 'once');
    expect(once.length).toBeGreaterThan(0);
    expect(new Set(once.map((x) => x[1])).size, JSON.stringify(once)).toBe(once.length);
    expect(once.every((x) => x[3] === '/var/www/jobs')).toBe(true);
    expect(lines.filter((x) => x[0] === 'all').every((x) => x[3] === '/var/www')).toBe(true);
    expect(lines.some((x) => x[0] === 'never')).toBe(false);
  }, 400_000);
});
