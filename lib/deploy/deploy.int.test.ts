import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployArchive, getVersionWithLog } from '@/lib/services/deploys';
import { waitProcess } from '@/lib/testing/engine';
import { exampleCopy, tarGz } from './testing/fixtures';
import { answers, deployProject, versionRow } from './testing/harness';

describe('deploy pipeline: Node.js example', () => {
  let t: Awaited<ReturnType<typeof deployProject>>;
  let appId: string;

  beforeAll(async () => {
    t = await deployProject('deploy node');
    await t.add('db', 'postgresql@15', { subdomainAccess: false });
    appId = (await t.add('app', 'nodejs@18')).id;
  }, 300_000);
  afterAll(async () => {
    await t?.dispose();
  }, 120_000);

  it('deploys from an archive and answers through the edge; reads and writes its database', async () => {
    const archive = await tarGz(await exampleCopy('nodejs'));
    const { version, process } = await deployArchive(t.db, t.userId, t.project.id, appId, archive);
    const done = await waitProcess(t.db, process.id, 300_000).catch((e: Error) => ({ error: e.message, status: 'TIMEOUT' }));
    const { log } = await getVersionWithLog(t.db, t.userId, t.project.id, appId, version.id);
    expect(done.error ?? 'ok', log.map((l) => l.message).join('\n').slice(-3000)).toBe('ok');
    expect((await versionRow(t.db, version.id)).status).toBe('ACTIVE');
    expect(log.some((l) => l.message.includes('npm ci'))).toBe(true);
    await answers(t.get, 'app', /hello from the Node.js example/);
    await answers(t.get, 'app', /visits: 1/, '/db');
    await answers(t.get, 'app', /visits: 2/, '/db');
  }, 600_000);
});
