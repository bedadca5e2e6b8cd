import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployArchive, getVersionWithLog } from '@/lib/domain/deploys';
import { waitProcess } from '@/lib/testing/engine';
import { tarGz } from './testing/fixtures';
import { answers, deployProject } from './testing/harness';

/** An app that answers the files envReplace works on, as they are in the running container. */
async function app(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-envreplace-'));
  await fs.mkdir(path.join(dir, 'config', 'sub'), { recursive: true });
  await fs.writeFile(path.join(dir, 'config', 'settings.json'), '{"word":"%%WORD%%","at":"@@WORD@@","unknown":"%%NOPE%%"}\n');
  await fs.writeFile(path.join(dir, 'config', 'sub', 'nested.txt'), 'nested %%WORD%%\n');
  await fs.writeFile(path.join(dir, 'single.txt'), 'single %%WORD%%\n');
  await fs.writeFile(path.join(dir, 'untouched.txt'), 'untouched %%WORD%%\n');
  const files = ['config/settings.json', 'config/sub/nested.txt', 'single.txt', 'untouched.txt'];
  await fs.writeFile(
    path.join(dir, 'server.js'),
    `const fs = require('node:fs');\nrequire('node:http').createServer((q, s) => s.end(${JSON.stringify(files)}.map((f) => fs.readFileSync(f, 'utf8')).join(''))).listen(3000, '0.0.0.0');\n`,
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
      envVariables:
        WORD: 'a&b/c $1 \\ done'
      envReplace:
        delimiter: ['%%', '@@']
        target: [./config/, single.txt]
      start: node server.js
`,
  );
  return dir;
}

describe('run.envReplace', () => {
  let t: Awaited<ReturnType<typeof deployProject>>;
  let appId: string;

  beforeAll(async () => {
    t = await deployProject('deploy envreplace');
    appId = (await t.add('app', 'nodejs@18')).id;
  }, 300_000);
  afterAll(async () => {
    await t?.dispose();
  }, 120_000);

  it('replaces the placeholders of known variables in the target files (a folder: not its subfolders) before the app starts', async () => {
    const { version, process } = await deployArchive(t.db, t.userId, t.project.id, appId, await tarGz(await app()));
    const done = await waitProcess(t.db, process.id, 300_000).catch((e: Error) => ({ error: e.message, status: 'TIMEOUT' }));
    const { log } = await getVersionWithLog(t.db, t.userId, t.project.id, appId, version.id);
    expect(done.error ?? 'ok', log.map((l) => l.message).join('\n').slice(-2500)).toBe('ok');
    const r = await answers(t.get, 'app', /word/);
    expect(r.body).toBe(
      ['{"word":"a&b/c $1 \\ done","at":"a&b/c $1 \\ done","unknown":"%%NOPE%%"}', 'nested %%WORD%%', 'single a&b/c $1 \\ done', 'untouched %%WORD%%', ''].join('\n'),
    );
  }, 400_000);
});
