import fs from 'node:fs/promises';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appVersions } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { cancelProcess } from '@/lib/domain/processes';
import { activateVersion, deployArchive, deployGit, getVersionWithLog } from '@/lib/domain/deploys';
import { handleWebhook, revealWebhook } from '@/lib/domain/deploy-webhooks';
import { waitProcess } from '@/lib/testing/engine';
import { httpGet, steadyLoad } from '@/lib/testing/load';
import { waitFor } from '@/lib/testing/wait';
import { bareRepo, exampleCopy, pushDir, tarGz, zipOf } from './testing/fixtures';
import { VERSION_LABEL } from './build/labels';
import { answers, buildContainers, deployProject, engine, versionRow } from './testing/harness';

/** The Node.js example with its zerops.yml edited (greeting, readiness, build commands…). */
const nodeApp = (edit: (yml: string) => string = (y) => y) =>
  exampleCopy('nodejs', async (dir) => {
    const file = path.join(dir, 'zerops.yml');
    await fs.writeFile(file, edit(await fs.readFile(file, 'utf8')));
  });
const greeting = (text: string) => (y: string) => y.replace('GREETING: hello from the Node.js example', `GREETING: ${text}`);

describe('deploy pipeline: Node.js example (archive, Git, webhook, rollout, rollback, cancel, bad input)', () => {
  let t: Awaited<ReturnType<typeof deployProject>>;
  let appId: string;
  let v1 = '';
  let repo: { path: string; commit: string };

  const finish = async (processId: string, versionId: string) => {
    const done = await waitProcess(t.db, processId, 300_000).catch((e: Error) => ({ error: e.message, status: 'TIMEOUT' }));
    const { log } = await getVersionWithLog(t.db, t.userId, t.project.id, appId, versionId);
    return { done, log: log.map((l) => l.message).join('\n') };
  };
  const versionsCount = async () => (await t.db.select({ n: count() }).from(appVersions).where(eq(appVersions.serviceId, appId)))[0]!.n;

  beforeAll(async () => {
    t = await deployProject('deploy node');
    await t.add('db', 'postgresql@15', { subdomainAccess: false });
    appId = (await t.add('app', 'nodejs@18')).id;
  }, 300_000);
  afterAll(async () => {
    await t?.dispose();
  }, 120_000);

  it('deploys from an archive and answers through the edge; reads and writes its database; starts with every CPU, then runs with its own', async () => {
    // The readiness check notes the CPU quota the new container had while it started.
    const quota = '(cat /sys/fs/cgroup/cpu.max 2>/dev/null || cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) | cut -d" " -f1';
    const readiness = (y: string) =>
      y.replace(
        /readinessCheck:\n {8}httpGet:\n {10}port: 3000\n {10}path: \/health\n/,
        `readinessCheck:\n        exec:\n          command: ${quota} > /tmp/quota-at-start && curl -fsS http://127.0.0.1:3000/health\n`,
      );
    const { version, process } = await deployArchive(t.db, t.userId, t.project.id, appId, await tarGz(await nodeApp(readiness)));
    const { done, log } = await finish(process.id, version.id);
    expect(done.error ?? 'ok', log.slice(-3000)).toBe('ok');
    v1 = version.id;
    const [container] = await engine.listContainers({ [VERSION_LABEL]: version.id });
    const cpus = (await engine.engineInfo()).cpus;
    const read = async (argv: string[]) => (await engine.exec(container!.id, argv)).stdout.trim();
    expect(await read(['cat', '/tmp/quota-at-start'])).toBe(String(cpus * 100_000));
    expect(await read(['sh', '-c', quota])).toBe('50000'); // the nodejs type's 0.5 CPU
    expect((await engine.inspectContainer(container!.id))?.limits?.nanoCpus).toBe(0.5e9);
    expect(log).toMatch(/CPU and memory limits applied in place to 1 container/);
    const row = await versionRow(t.db, version.id);
    expect(row).toMatchObject({ status: 'ACTIVE', source: { kind: 'archive' } });
    expect(row.artifactDigest).toMatch(/^[a-f0-9]{64}$/);
    expect(log).toContain('$ npm i --no-audit --no-fund');
    expect(log).toContain('added 1 package');
    await answers(t.get, 'app', /hello from the Node.js example/);
    await answers(t.get, 'app', /visits: 1/, '/db');
    await answers(t.get, 'app', /visits: 2/, '/db');
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await t.get('app')).status);
    expect(statuses.filter((s) => s !== 200), statuses.join(',')).toEqual([]);
  }, 400_000);

  it('redeploys from Git under steady load with 0 failed requests', async () => {
    repo = await bareRepo(await nodeApp(greeting('hello from git')));
    const load = steadyLoad(async () => (await t.get('app')).status === 200, { clients: 4, maxMs: 240_000, maxRequests: 200_000 });
    const { version, process } = await deployGit(t.db, t.userId, t.project.id, appId, { gitUrl: repo.path, gitRef: 'main' });
    const { done, log } = await finish(process.id, version.id);
    const stats = await load.stop();
    expect(done.error ?? 'ok', log.slice(-3000)).toBe('ok');
    expect(await versionRow(t.db, version.id)).toMatchObject({ status: 'ACTIVE', source: { kind: 'git', commit: repo.commit } });
    expect(await versionRow(t.db, v1)).toMatchObject({ status: 'BACKUP' });
    await answers(t.get, 'app', /hello from git/);
    expect(stats.sent).toBeGreaterThan(50);
    expect(stats.failed, JSON.stringify(stats)).toBe(0);
    expect(log).toContain('build cache restored (node_modules)');
    expect(log).toContain('reusing the cached image');
  }, 400_000);

  it('webhook: a wrong secret is 404, another branch does not build, a push to the tracked branch does', async () => {
    const { path: hook } = await revealWebhook(t.db, t.userId, t.project.id, appId);
    const secret = hook.split('/').at(-1)!;
    const call = (s: string, body: unknown) => handleWebhook(t.db, appId, s, body).catch((e: unknown) => (isAppError(e) ? e.status : e));
    expect(await call(`${secret}x`, { ref: 'refs/heads/main', after: 'a'.repeat(40) })).toBe(404);
    expect(await call(secret.replace(/./, (c) => (c === 'A' ? 'B' : 'A')), { ref: 'refs/heads/main' })).toBe(404);
    const before = await versionsCount();
    expect(await call(secret, { ref: 'refs/heads/feature', after: 'b'.repeat(40) })).toMatchObject({ built: false });
    expect(await versionsCount()).toBe(before);
    const commit = await pushDir(await nodeApp(greeting('hello from the webhook')), repo.path, 'main');
    const res = (await call(secret, { object_kind: 'push', ref: 'refs/heads/main', checkout_sha: commit })) as { built: boolean; versionId: string; processId: string };
    expect(res.built).toBe(true);
    const { done, log } = await finish(res.processId, res.versionId);
    expect(done.error ?? 'ok', log.slice(-3000)).toBe('ok');
    expect(await versionRow(t.db, res.versionId)).toMatchObject({ status: 'ACTIVE', source: { commit } });
    await answers(t.get, 'app', /hello from the webhook/);
  }, 400_000);

  it('rollback activates a kept version without a build', async () => {
    const { process } = await activateVersion(t.db, t.userId, t.project.id, appId, v1);
    const done = await waitProcess(t.db, process.id, 120_000);
    expect(done.error ?? done.status).toBe('FINISHED');
    expect(done.action).toBe('service.activateVersion');
    expect(await versionRow(t.db, v1)).toMatchObject({ status: 'ACTIVE' });
    await answers(t.get, 'app', /hello from the Node.js example/);
    await answers(t.get, 'app', /visits: \d+/, '/db');
  }, 200_000);

  it('a deploy whose containers never get ready fails with the check output; the old version keeps answering', async () => {
    const never = (y: string) => y.replace(/readinessCheck:\n        httpGet:\n          port: 3000\n          path: \/health/, `readinessCheck:\n        exec:\n          command: 'echo "not ready: still warming up"; exit 1'\n        failureTimeout: 8`);
    const archive = await tarGz(await nodeApp((y) => never(greeting('never served')(y))));
    const { version, process } = await deployArchive(t.db, t.userId, t.project.id, appId, archive);
    const { done } = await finish(process.id, version.id);
    expect(done.status).toBe('FAILED');
    expect(done.error).toContain('not ready: still warming up');
    expect(await versionRow(t.db, version.id)).toMatchObject({ status: 'DEPLOY_FAILED' });
    expect(await versionRow(t.db, v1)).toMatchObject({ status: 'ACTIVE' });
    await answers(t.get, 'app', /hello from the Node.js example/);
    await waitFor('the failed version containers to go', async () => (await t.get('app')).body.includes('hello from the Node.js example') && (await buildContainers(t.project.id)).length === 0, 30_000);
  }, 300_000);

  it('cancel kills the build and leaves no build container behind', async () => {
    const slow = (y: string) => y.replace('        - npm run build', '        - echo build-is-running; sleep 300');
    const { version, process } = await deployArchive(t.db, t.userId, t.project.id, appId, await tarGz(await nodeApp(slow)));
    await waitFor('the slow build command to run', async () => (await getVersionWithLog(t.db, t.userId, t.project.id, appId, version.id)).log.some((l) => l.message.includes('build-is-running')), 120_000);
    const building = (await buildContainers(t.project.id)).map((c) => c.name);
    expect(building.length, building.join(', ')).toBeGreaterThan(0);
    await cancelProcess(t.db, t.userId, t.project.id, process.id);
    const done = await waitProcess(t.db, process.id, 60_000);
    expect(done.status).toBe('CANCELED');
    expect(await versionRow(t.db, version.id)).toMatchObject({ status: 'CANCELLED' });
    await waitFor('the killed build container to be gone', async () => (await buildContainers(t.project.id)).length === 0, 20_000);
    await answers(t.get, 'app', /hello from the Node.js example/);
  }, 300_000);

  it('deployFiles that match nothing fail the build with a clear error; nothing is deployed', async () => {
    const archive = await tarGz(await nodeApp((y) => y.replace('        - dist\n', '        - dist\n        - missing-folder\n')));
    const { version, process } = await deployArchive(t.db, t.userId, t.project.id, appId, archive);
    const { done } = await finish(process.id, version.id);
    expect(done.status).toBe('FAILED');
    expect(done.error).toContain('build.deployFiles: "missing-folder" matches nothing');
    expect(await versionRow(t.db, version.id)).toMatchObject({ status: 'BUILD_FAILED' });
    await answers(t.get, 'app', /hello from the Node.js example/);
  }, 300_000);

  it.each<[string, () => Promise<Buffer>, { setup?: string }, RegExp, string]>([
    ['an unknown setup', async () => tarGz(await nodeApp()), { setup: 'nope' }, /no setup named "nope"/, 'setup'],
    ['a missing run.start', async () => tarGz(await nodeApp((y) => y.replace('      start: node dist/server.js\n', ''))), {}, /run\.start: is required for this service type/, 'zerops[0].run.start'],
    ['an invalid YAML line', async () => tarGz(await nodeApp((y) => y.replace('    build:\n', '    build: [\n'))), {}, /zerops\.yml line \d+:\d+, \(yaml\): invalid YAML/, '(yaml)'],
    ['an unsupported key', async () => tarGz(await nodeApp((y) => y.replace('      start: node dist/server.js\n', '      start: node dist/server.js\n      siteConfigPath: site.conf\n'))), {}, /run\.siteConfigPath: not supported yet/, 'zerops[0].run.siteConfigPath'],
    ['an archive with .. paths', async () => zipOf({ 'zerops.yml': 'zerops: []', '../evil.js': 'x' }), {}, /leaves the archive's folder/, 'archive'],
    ['not an archive', async () => Buffer.from('just text'), {}, /must be a tar.gz, tar or zip/, 'archive'],
    ['an archive without zerops.yml', async () => zipOf({ 'index.js': 'x' }), {}, /zerops\.yml: not found/, 'zeropsYml'],
  ])('refuses %s before anything is queued', async (_name, make, opts, message, field) => {
    const before = await versionsCount();
    const err = await deployArchive(t.db, t.userId, t.project.id, appId, await make(), opts).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAppError(err) && err.code).toBe('VALIDATION');
    expect(isAppError(err) && err.message).toMatch(message);
    expect(Object.keys((isAppError(err) && err.fieldErrors) || {})).toContain(field);
    expect(await versionsCount()).toBe(before);
  }, 60_000);

  it('answers on loopback only through the edge port', async () => {
    expect((await httpGet(env.BERTH_HTTP_PORT, 'nobody.localhost')).status).toBe(404);
  });
});
