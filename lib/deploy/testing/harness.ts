import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { appVersions, type AppVersion } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { registerProjectCore } from '@/lib/core';
import { edgeName } from '@/lib/core/edge';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { L } from '@/lib/provisioner/labels';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, waitProcess } from '@/lib/testing/engine';
import { httpGet } from '@/lib/testing/load';
import { waitFor } from '@/lib/testing/wait';
import { DEPLOY_LABEL } from '../build/labels';

export const engine = dockerEngine();

/** A project with a worker for deploy tests; services are added per test file. */
export async function deployProject(name: string) {
  registerProjectCore();
  const tdb: TestDb = await createTestDb('postgres');
  let worker: Worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
  const userId = (await createTestUser(tdb.db)).id;
  const { project, process } = await createProject(tdb.db, userId, { name: `${name} ${Date.now().toString(36)}` });
  expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
  const add = async (hostname: string, type: string, extra: { subdomainAccess?: boolean; containerCount?: number } = {}) => {
    const { service, process: p } = await addService(tdb.db, userId, project.id, { hostname, type, subdomainAccess: true, ...extra });
    const done = await waitProcess(tdb.db, p.id);
    expect(done.error ?? done.status).toBe('FINISHED');
    return service;
  };
  const host = (hostname: string) => `${hostname}-${project.slug}.${env.BERTH_DOMAIN}`;
  const get = (hostname: string, path = '/') => httpGet(env.BERTH_HTTP_PORT, host(hostname), '127.0.0.1', 5000, path);
  const dispose = async () => {
    const { process: del } = await deleteProject(tdb.db, userId, project.id);
    await waitProcess(tdb.db, del.id);
    await worker.stop();
    await tdb.dispose();
    await engine.removeContainer(edgeName());
    for (const img of await engine.listImages({ [DEPLOY_LABEL]: project.id })) for (const t of img.tags) await engine.removeImage(t).catch(() => {});
  };
  const restartWorker = () => {
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
  };
  return { tdb, db: tdb.db, userId, project, add, host, get, dispose, restartWorker, get worker() { return worker; } };
}

/** Waits until `hostname` answers `path` through the edge with a body matching `want`. */
export function answers(get: (h: string, p?: string) => Promise<{ status: number; body: string }>, hostname: string, want: RegExp, path = '/', timeoutMs = 30_000) {
  return waitFor(`${hostname}${path} to answer ${want}`, async () => {
    const r = await get(hostname, path);
    return r.status === 200 && want.test(r.body) ? r : undefined;
  }, timeoutMs);
}

export async function versionRow(db: TestDb['db'], id: string): Promise<AppVersion> {
  const [v] = await db.select().from(appVersions).where(eq(appVersions.id, id));
  return v!;
}

/** Build and prepare containers of the project (the deploy labels, not the project's). */
export const buildContainers = async (projectId: string) => [
  ...(await engine.listContainers({ [L.managed]: 'true', [DEPLOY_LABEL]: projectId, [L.kind]: 'build' })),
  ...(await engine.listContainers({ [L.managed]: 'true', [DEPLOY_LABEL]: projectId, [L.kind]: 'prepare' })),
];
