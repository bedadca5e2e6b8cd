import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploySources, processes } from '@/lib/db/schema';
import { deployGit, getVersionWithLog } from '@/lib/domain/deploys';
import { waitProcess } from '@/lib/testing/engine';
import { bareRepo } from './testing/fixtures';
import { tinyApp } from './testing/tiny-app';
import { gitDaemon, httpBackend } from './testing/git-servers';
import { answers, deployProject, versionRow } from './testing/harness';

/** A bare repository of `tinyApp(content)`, moved under `root` (the folder the servers export). */
async function servedRepo(root: string, name: string, content: string) {
  const repo = await bareRepo(await tinyApp(content));
  const target = path.join(root, `${name}.git`);
  await fs.rename(repo.path, target);
  return { path: target, commit: repo.commit };
}

const TOKEN = 'tok-3f9a1c7e5b2d4e6f8a0b';

describe('deploys from git:// and smart HTTP servers on loopback; a token for a private repository', () => {
  let t: Awaited<ReturnType<typeof deployProject>>;
  let appId: string;
  let root: string;
  const stops: (() => Promise<void>)[] = [];

  const deployAndFinish = async (gitUrl: string, extra: { token?: string } = {}) => {
    const { version, process } = await deployGit(t.db, t.userId, t.project.id, appId, { gitUrl, gitRef: 'main', ...extra });
    const done = await waitProcess(t.db, process.id, 300_000).catch((e: Error) => ({ error: e.message, status: 'TIMEOUT' }));
    const { log } = await getVersionWithLog(t.db, t.userId, t.project.id, appId, version.id);
    return { version, processId: process.id, done, log: log.map((l) => l.message).join('\n') };
  };

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-served-'));
    t = await deployProject('deploy git servers');
    appId = (await t.add('app', 'nodejs@18')).id;
  }, 300_000);
  afterAll(async () => {
    for (const stop of stops) await stop();
    await t?.dispose();
    await fs.rm(root, { recursive: true, force: true });
  }, 120_000);

  it('deploys over git:// from git daemon', async () => {
    const repo = await servedRepo(root, 'daemon', 'served over git://');
    const daemon = await gitDaemon(root);
    stops.push(daemon.stop);
    const r = await deployAndFinish(daemon.url(repo.path));
    expect(r.done.error ?? 'ok', r.log.slice(-2500)).toBe('ok');
    expect(await versionRow(t.db, r.version.id)).toMatchObject({ status: 'ACTIVE', source: { kind: 'git', commit: repo.commit } });
    await answers(t.get, 'app', /served over git:\/\//);
  }, 400_000);

  it('deploys over smart HTTP from git http-backend', async () => {
    const repo = await servedRepo(root, 'smart', 'served over smart HTTP');
    const server = await httpBackend(root);
    stops.push(server.stop);
    const r = await deployAndFinish(server.url(repo.path));
    expect(r.done.error ?? 'ok', r.log.slice(-2500)).toBe('ok');
    expect(await versionRow(t.db, r.version.id)).toMatchObject({ status: 'ACTIVE', source: { kind: 'git', commit: repo.commit } });
    expect(server.seen.paths.some((p) => p.includes('git-upload-pack')), server.seen.paths.join(', ')).toBe(true);
    await answers(t.get, 'app', /served over smart HTTP/);
  }, 400_000);

  it('a private repository: refused without the token, deployed with it; the token is never in a log, an error or a URL', async () => {
    const repo = await servedRepo(root, 'private', 'served from a private repository');
    const basic = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
    const server = await httpBackend(root, { basicAuth: basic });
    stops.push(server.stop);
    const url = server.url(repo.path);

    const wrong = await deployAndFinish(url, { token: 'not-the-token' });
    expect(wrong.done.status).toBe('FAILED');
    expect(wrong.done.error).toContain('git: cannot fetch main');
    expect(`${wrong.done.error}\n${wrong.log}`).not.toContain('not-the-token');
    expect(await versionRow(t.db, wrong.version.id)).toMatchObject({ status: 'BUILD_FAILED' });

    const r = await deployAndFinish(url, { token: TOKEN });
    expect(r.done.error ?? 'ok', r.log.slice(-2500)).toBe('ok');
    await answers(t.get, 'app', /served from a private repository/);
    expect(server.seen.authorization).toContain(`Basic ${basic}`);

    // The token is kept encrypted and never shows: not in the log, the process row, the version row, a request path.
    const [cred] = await t.db.select().from(deploySources).where(eq(deploySources.serviceId, appId));
    expect(cred?.tokenEncrypted).toBeTruthy();
    expect(cred?.tokenEncrypted).not.toContain(TOKEN);
    const [proc] = await t.db.select().from(processes).where(eq(processes.id, r.processId));
    const visible = [r.log, wrong.log, JSON.stringify(proc), JSON.stringify(await versionRow(t.db, r.version.id)), ...server.seen.paths].join('\n');
    expect(visible).not.toContain(TOKEN);
    expect(visible).not.toContain(basic);
  }, 600_000);
});
