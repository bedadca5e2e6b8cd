import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployArchive, deployGit, getVersionWithLog } from '@/lib/domain/deploys';
import { waitProcess } from '@/lib/testing/engine';
import { bareRepo, exampleCopy, tarGz } from './testing/fixtures';
import { answers, deployProject, versionRow } from './testing/harness';

/** Each example: its folder, the service that runs it, and what it answers through the edge. */
const examples = [
  { dir: 'static', hostname: 'site', type: 'static', want: /static example: built by Node\.js at \d{4}-/, extra: { path: '/about.html', want: /about page/ } },
  { dir: 'python', hostname: 'py', type: 'python@3.11', want: /python example: prepared by run\.prepareCommands; greeting hi/ },
  { dir: 'go', hostname: 'goapp', type: 'go@1.19', want: /go example: compiled binary, version [0-9a-f-]{36}/ },
  { dir: 'php', hostname: 'php', type: 'php-nginx@8.2', want: /php example: 8\.2\.\d+ from the document root/, extra: { path: '/secret.txt', want: null } },
  { dir: 'bun', hostname: 'bunapp', type: 'bun@1', want: /bun example: hello on Bun 1\.\d+\.\d+, built by bun 1\./, archiveOnly: true },
  { dir: 'deno', hostname: 'denoapp', type: 'deno@2', want: /deno example: hello on Deno 2\.\d+\.\d+, checked by deno 2\./, archiveOnly: true },
  { dir: 'php-apache', hostname: 'apache', type: 'php-apache@8.4', want: /php-apache example: 8\.4\.\d+ under apache2handler, path \/\n/, archiveOnly: true },
] as const;

describe('examples deploy from an archive and from Git and answer through the edge', () => {
  let t: Awaited<ReturnType<typeof deployProject>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await deployProject('deploy examples');
    await Promise.all(examples.map(async (e) => (ids[e.hostname] = (await t.add(e.hostname, e.type)).id)));
  }, 300_000);
  afterAll(async () => {
    await t?.dispose();
  }, 120_000);

  const run = async (hostname: string, start: Promise<{ version: { id: string }; process: { id: string } }>) => {
    const { version, process } = await start;
    const done = await waitProcess(t.db, process.id, 400_000).catch((e: Error) => ({ error: e.message, status: 'TIMEOUT' }));
    const { log } = await getVersionWithLog(t.db, t.userId, t.project.id, ids[hostname]!, version.id);
    expect(done.error ?? 'ok', `${hostname}: ${log.map((l) => l.message).join('\n').slice(-2500)}`).toBe('ok');
    expect((await versionRow(t.db, version.id)).status).toBe('ACTIVE');
    return version.id;
  };

  it('from archives', async () => {
    await Promise.all(
      examples.map(async (e) => {
        await run(e.hostname, deployArchive(t.db, t.userId, t.project.id, ids[e.hostname]!, await tarGz(await exampleCopy(e.dir))));
        await answers(t.get, e.hostname, e.want);
      }),
    );
    await answers(t.get, 'site', /about page/, '/about.html');
    // Apache sends paths that are no file to the front controller (FallbackResource).
    await answers(t.get, 'apache', /path \/any\/route\n/, '/any/route');
    // Outside run.documentRoot nothing is served as a file: php-nginx's front controller (like
    // Zerops' default site) answers unknown paths with index.php instead.
    for (const path of ['/secret.txt', '/public/index.php']) {
      const r = await t.get('php', path);
      expect(r.body, path).not.toContain('not served: outside the document root');
      expect(r.body, path).not.toContain('<?php');
    }
  }, 600_000);

  it('from Git repositories (bare repositories on this machine)', async () => {
    // The types added last (Bun, Deno, php-apache) take the same Git path as the others: archives suffice for them.
    await Promise.all(
      examples.filter((e) => !('archiveOnly' in e)).map(async (e) => {
        const repo = await bareRepo(await exampleCopy(e.dir), 'main');
        const versionId = await run(e.hostname, deployGit(t.db, t.userId, t.project.id, ids[e.hostname]!, { gitUrl: repo.path, gitRef: 'main', setup: e.hostname }));
        expect((await versionRow(t.db, versionId)).source).toMatchObject({ kind: 'git', commit: repo.commit });
        await answers(t.get, e.hostname, e.want);
      }),
    );
    await answers(t.get, 'goapp', /version [0-9a-f-]{36}/);
  }, 600_000);
});
