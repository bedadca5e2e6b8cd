import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProjectCore } from '@/lib/core';
import { edgeName } from '@/lib/core/edge';
import { appVersions, services } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { deleteProject } from '@/lib/domain/projects';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { httpGet } from '@/lib/testing/load';
import { waitFor } from '@/lib/testing/wait';
import { bareRepo, exampleCopy } from '@/lib/deploy/testing/fixtures';
import { gitDaemon } from '@/lib/deploy/testing/git-servers';
import { importProject } from './apply';

const engine = dockerEngine();
registerProjectCore();

/** A database and the Node.js example built from a Git repository served by `git daemon` on loopback. */
const file = (gitUrl: string) => `#yamlPreprocessor=on
project:
  name: import-git
services:
  - hostname: db
    type: postgresql@15
    priority: 10
  - hostname: app
    type: nodejs@18
    buildFromGit: ${gitUrl}
    zeropsSetup: app
    enableSubdomainAccess: true
    envSecrets:
      SESSION_KEY: <@generateRandomString(<24>)>
`;

describe('an import builds its runtime from a real Git repository', () => {
  let tdb: TestDb;
  let worker: Worker;
  let daemon: Awaited<ReturnType<typeof gitDaemon>>;
  let base: string;
  let userId: string;
  let projectId: string | undefined;

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    base = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-git-served-'));
    daemon = await gitDaemon(base);
  }, 60_000);
  afterAll(async () => {
    if (projectId) {
      const { process } = await deleteProject(tdb.db, userId, projectId);
      await waitProcess(tdb.db, process.id);
      expect(await labelAudit(engine, projectId)).toEqual({ containers: [], networks: [], volumes: [] });
    }
    await daemon?.stop();
    await worker?.stop();
    await tdb?.dispose();
    await engine.removeContainer(edgeName());
    if (base) await fs.rm(base, { recursive: true, force: true });
  }, 180_000);

  it('imports, clones over git://, builds with the chosen setup, and the app reads and writes its database through the edge', async () => {
    const repo = await bareRepo(await exampleCopy('nodejs'), 'main');
    const served = path.join(base, 'app.git');
    await fs.rename(repo.path, served);

    const { project, process } = await importProject(tdb.db, userId, { yaml: file(daemon.url(served)) });
    projectId = project!.id;
    const done = await waitProcess(tdb.db, process!.id, 240_000);
    expect({ status: done.status, error: done.error }).toEqual({ status: 'FINISHED', error: null });

    const [app] = await tdb.db.select().from(services).where(and(eq(services.projectId, projectId), eq(services.hostname, 'app')));
    const version = await waitFor('the imported app version to be active', async () => {
      const [v] = await tdb.db.select().from(appVersions).where(eq(appVersions.serviceId, app!.id));
      if (v && ['BUILD_FAILED', 'DEPLOY_FAILED', 'CANCELLED'].includes(v.status)) throw new Error(`the deploy ended ${v.status}: ${v.error ?? ''}`);
      return v?.status === 'ACTIVE' ? v : undefined;
    }, 420_000, 500);
    expect(version.source).toMatchObject({ kind: 'git', commit: repo.commit });

    const host = `app-${project!.slug}.${env.BERTH_DOMAIN}`;
    for (const visits of [1, 2]) {
      await waitFor(`visit ${visits} recorded in the database`, async () => {
        const r = await httpGet(env.BERTH_HTTP_PORT, host, '127.0.0.1', 5000, '/db');
        return r.status === 200 && new RegExp(`visits: ${visits}\\b`).test(r.body) ? r : undefined;
      }, 30_000);
    }
  }, 600_000);
});
