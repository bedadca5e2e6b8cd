import fs from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret } from '@/lib/crypto/secrets';
import { auditLog, deploySources, processes } from '@/lib/db/schema';
import { createDeployKey, deployKeyInfo, forgetHostKey } from '@/lib/domain/deploy-keys';
import { deployGit, getVersionWithLog } from '@/lib/domain/deploys';
import { waitProcess } from '@/lib/testing/engine';
import { L } from '@/lib/provisioner/labels';
import { deleteService } from '@/lib/domain/services';
import { DEPLOY_LABEL } from './build/labels';
import { fingerprintOf } from './source/known-hosts';
import { cachePath, knownHostsPath, writeAtomic } from './store';
import { bareRepo } from './testing/fixtures';
import { sshServer, type SshServer } from './testing/git-servers';
import { answers, deployProject, engine, versionRow } from './testing/harness';
import { tinyApp } from './testing/tiny-app';

describe("a private repository over ssh with the service's deploy key (Debian's sshd on loopback)", () => {
  let t: Awaited<ReturnType<typeof deployProject>>;
  let appId: string;
  let repo: { path: string; commit: string };
  let server: SshServer | undefined;
  const privateKeys: string[] = [];

  const storedKey = async () => {
    const [row] = await t.db.select().from(deploySources).where(eq(deploySources.serviceId, appId));
    return decryptSecret(row!.sshKeyEncrypted!);
  };

  const deployAndFinish = async (gitUrl: string) => {
    const { version, process } = await deployGit(t.db, t.userId, t.project.id, appId, { gitUrl, gitRef: 'main' });
    const done = await waitProcess(t.db, process.id, 300_000).catch((e: Error) => ({ error: e.message, status: 'TIMEOUT' }));
    const { log } = await getVersionWithLog(t.db, t.userId, t.project.id, appId, version.id);
    const [proc] = await t.db.select().from(processes).where(eq(processes.id, process.id));
    const row = await versionRow(t.db, version.id);
    // Everything a user or an operator can read about this deploy.
    const visible = [log.map((l) => `${l.message} ${JSON.stringify(l)}`).join('\n'), JSON.stringify(proc), JSON.stringify(row)].join('\n');
    return { version, done, log: log.map((l) => l.message).join('\n'), visible };
  };

  /** No line of any private key the test made shows (the base64 body's lines are checked, not just the whole). */
  const expectNoPrivateKey = (text: string) => {
    for (const key of privateKeys) {
      for (const line of key.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))) expect(text).not.toContain(line);
    }
  };

  beforeAll(async () => {
    t = await deployProject('deploy git ssh');
    appId = (await t.add('app', 'nodejs@18')).id;
    repo = await bareRepo(await tinyApp('served over ssh with a deploy key'));
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await t?.dispose();
    await fs.rm(repo.path, { recursive: true, force: true });
  }, 120_000);

  it('Berth generates the key; with its public line authorized, the deploy fetches the commit; the host key is pinned on first use', async () => {
    expect(await deployKeyInfo(t.db, t.userId, t.project.id, appId)).toEqual({ publicKey: null, pinnedHosts: [] });
    const { publicKey } = await createDeployKey(t.db, t.userId, t.project.id, appId);
    expect(publicKey).toMatch(/^ssh-ed25519 AAAA[A-Za-z0-9+/=]+ berth-app@/);
    expect(await deployKeyInfo(t.db, t.userId, t.project.id, appId)).toEqual({ publicKey, pinnedHosts: [] });
    privateKeys.push(await storedKey());
    expect(privateKeys[0]).toContain('BEGIN OPENSSH PRIVATE KEY');

    server = await sshServer();
    await server.authorize(publicKey);
    const r = await deployAndFinish(server.url(repo.path));
    expect(r.done.error ?? 'ok', `${r.log.slice(-2500)}\nsshd: ${server.log.slice(-10).join('\n')}`).toBe('ok');
    expect(await versionRow(t.db, r.version.id)).toMatchObject({ status: 'ACTIVE', source: { kind: 'git', commit: repo.commit } });
    expect(server.log.some((l) => /Accepted publickey for \S+ from 127\.0\.0\.1/.test(l)), server.log.join('\n')).toBe(true);
    await answers(t.get, 'app', /served over ssh with a deploy key/);

    // accept-new into the service's own known_hosts: the server's key is recorded for the next fetch.
    expect(await fs.readFile(knownHostsPath(appId), 'utf8')).toContain(server.hostKey);
    expectNoPrivateKey(`${r.visible}\n${server.log.join('\n')}`);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.projectId, t.project.id));
    expect(audits.some((a) => a.action === 'service.deployKeyCreate')).toBe(true);
    expectNoPrivateKey(JSON.stringify(audits));
  }, 400_000);

  it('a key the server does not authorize fails the build with ssh\'s reason; the previous version keeps serving', async () => {
    // A new key pair replaces the authorized one: the server knows only the old public line.
    const { publicKey } = await createDeployKey(t.db, t.userId, t.project.id, appId);
    privateKeys.push(await storedKey());
    const r = await deployAndFinish(server!.url(repo.path));
    expect(r.done.status).toBe('FAILED');
    expect(r.done.error).toMatch(/git: cannot fetch main of ssh:.*Permission denied \(publickey\)/);
    expect(await versionRow(t.db, r.version.id)).toMatchObject({ status: 'BUILD_FAILED' });
    expectNoPrivateKey(`${r.visible}\n${r.done.error}\n${server!.log.join('\n')}`);
    await answers(t.get, 'app', /served over ssh with a deploy key/);
    await server!.authorize(publicKey);
  }, 400_000);

  it('a server that shows another host key at the same address is refused (no silent re-trust)', async () => {
    const port = server!.port;
    await server!.stop();
    server = await sshServer({ port });
    await server.authorize((await deployKeyInfo(t.db, t.userId, t.project.id, appId)).publicKey!);
    const r = await deployAndFinish(server.url(repo.path));
    expect(r.done.status).toBe('FAILED');
    expect(r.done.error).toMatch(/Host key for \[127\.0\.0\.1\]:\d+ has changed.*Host key verification failed/);
    expect(server.log.some((l) => l.includes('Accepted publickey'))).toBe(false);
    expectNoPrivateKey(`${r.visible}\n${r.done.error}`);
  }, 400_000);

  it('forgetting the pinned key lets the next fetch pin the key the host shows now', async () => {
    const host = `[127.0.0.1]:${server!.port}`;
    const fingerprint = fingerprintOf(server!.hostKey.split(' ')[1]!);
    const pinned = (await deployKeyInfo(t.db, t.userId, t.project.id, appId)).pinnedHosts;
    expect(pinned).toHaveLength(1);
    expect(pinned[0]).toMatchObject({ host, keyType: 'ssh-ed25519' });
    expect(pinned[0]!.fingerprint).not.toBe(fingerprint); // the first server's key
    await expect(forgetHostKey(t.db, t.userId, t.project.id, appId, { host: 'gitlab.example' })).rejects.toMatchObject({ code: 'NOT_FOUND', fieldErrors: { host: ['no key is pinned for this host'] } });
    await expect(forgetHostKey(t.db, t.userId, t.project.id, appId, { host: 'a b' })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { host: [expect.stringMatching(/without spaces/)] } });
    expect(await forgetHostKey(t.db, t.userId, t.project.id, appId, { host })).toEqual({ pinnedHosts: [] });
    const r = await deployAndFinish(server!.url(repo.path));
    expect(r.done.error ?? 'ok', r.log.slice(-2500)).toBe('ok');
    expect((await deployKeyInfo(t.db, t.userId, t.project.id, appId)).pinnedHosts).toEqual([{ host, keyType: 'ssh-ed25519', fingerprint }]);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.projectId, t.project.id));
    expect(audits.some((a) => a.action === 'service.hostKeyForget' && a.target === `app ${host}`)).toBe(true);
  }, 400_000);

  it('deleting the service removes its pinned host keys, its build cache and its app images', async () => {
    const images = () => engine.listImages({ [DEPLOY_LABEL]: t.project.id, [L.service]: appId });
    await fs.access(knownHostsPath(appId));
    // This app's zerops.yml keeps no build cache: a stand-in file where a build would write it.
    await writeAtomic(cachePath(appId), Buffer.from('cache'));
    expect((await images()).length).toBeGreaterThan(0);
    const { process } = await deleteService(t.db, t.userId, t.project.id, appId);
    expect((await waitProcess(t.db, process.id)).status).toBe('FINISHED');
    await expect(fs.access(knownHostsPath(appId))).rejects.toThrow();
    await expect(fs.access(cachePath(appId))).rejects.toThrow();
    expect(await images()).toEqual([]);
  }, 120_000);
});
