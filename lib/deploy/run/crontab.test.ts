import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRON_SCRIPT, cronFiles } from './crontab';

const run = promisify(execFile);

const setupRun = (crontab: { timing: string; command: string; allContainers: boolean; workingDir?: string }[]) => ({
  bases: [],
  prepareCommands: [],
  initCommands: [],
  startCommands: [],
  ports: [],
  envVariables: {},
  crontab,
});

describe('run.crontab in the version image', () => {
  it('adds nothing without entries', () => {
    expect(cronFiles(setupRun([]))).toEqual([]);
  });

  it('writes the scheduler and one folder per entry', () => {
    const files = cronFiles(
      setupRun([
        { timing: '*/5 * * * *', command: 'php artisan schedule:run', allContainers: false },
        { timing: '0 3 * * *', command: './clean.sh', allContainers: true, workingDir: 'scripts' },
      ]),
    );
    expect(Object.fromEntries(files.map((f) => [f.name, f.content === CRON_SCRIPT ? 'script' : f.content]))).toEqual({
      'usr/local/bin/berth-cron': 'script',
      'etc/berth/cron/0/timing': '*/5 * * * *',
      'etc/berth/cron/0/command': 'php artisan schedule:run',
      'etc/berth/cron/0/dir': '/var/www',
      'etc/berth/cron/1/timing': '0 3 * * *',
      'etc/berth/cron/1/command': './clean.sh',
      'etc/berth/cron/1/dir': '/var/www/scripts',
      'etc/berth/cron/1/all-containers': '',
    });
  });
});

describe('the scheduler matches timings like cron (perl on this host)', () => {
  let script = '';
  beforeAll(async () => {
    script = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'berth-cron-')), 'berth-cron');
    await fs.writeFile(script, CRON_SCRIPT);
  });
  afterAll(async () => {
    await fs.rm(path.dirname(script), { recursive: true, force: true });
  });

  it.each<[string, number[], boolean]>([
    ['* * * * *', [7, 3, 15, 6, 2], true],
    ['*/15 * * * *', [30, 3, 15, 6, 2], true],
    ['*/15 * * * *', [31, 3, 15, 6, 2], false],
    ['5/10 * * * *', [25, 3, 15, 6, 2], true],
    ['0 3 * * *', [0, 3, 1, 1, 0], true],
    ['0 3 * * *', [0, 4, 1, 1, 0], false],
    ['0 0 1 * 1', [0, 0, 1, 5, 3], true],
    ['0 0 1 * 1', [0, 0, 2, 5, 1], true],
    ['0 0 1 * 1', [0, 0, 2, 5, 2], false],
    ['0 0 * * 7', [0, 0, 2, 5, 0], true],
    ['1-5,30 * * * *', [30, 0, 2, 5, 0], true],
    ['1-5,30 * * * *', [6, 0, 2, 5, 0], false],
    ['0 9-17/2 * * 1-5', [0, 11, 2, 5, 3], true],
    ['0 9-17/2 * * 1-5', [0, 10, 2, 5, 3], false],
  ])('%s at %j → %s', async (timing, at, want) => {
    const { stdout } = await run('perl', [script, '--match', timing, ...at.map(String)]);
    expect(stdout.trim()).toBe(want ? '1' : '0');
  });
});
