import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { backups, containers, projects, services, type Backup } from '@/lib/db/schema';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { resolveServiceEnv } from '@/lib/envvars/resolve';
import { loadProjectVars } from '@/lib/provisioner/wanted';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, waitProcess } from '@/lib/testing/engine';
import { absolute } from '../files';
import { requestBackup, requestRestore } from '../domain';

export const engine = dockerEngine();

/** A project on the real engine with the given data services, a worker, and helpers to back up and restore. */
export async function backupProject(name: string, list: [hostname: string, type: string][]) {
  const tdb: TestDb = await createTestDb('postgres');
  let worker: Worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
  const userId = (await createTestUser(tdb.db)).id;
  const created = await createProject(tdb.db, userId, { name });
  const projectId = created.project.id;
  const finished = async (p: { process: { id: string } }) => {
    const done = await waitProcess(tdb.db, p.process.id, 300_000);
    expect(done.error).toBeNull();
    expect(done.status).toBe('FINISHED');
    return done;
  };
  const ids: Record<string, string> = {};
  try {
    await finished(created);
    const adds = [];
    for (const [hostname, type] of list) {
      const added = await addService(tdb.db, userId, projectId, { hostname, type });
      ids[hostname] = added.service.id;
      adds.push(added);
    }
    for (const a of adds) await finished(a);
  } catch (err) {
    // A project that did not come up is removed here: the caller gets no handle to dispose of it.
    await waitProcess(tdb.db, (await deleteProject(tdb.db, userId, projectId, { keepBackups: false })).process.id, 300_000).catch(() => {});
    await worker.stop();
    await tdb.dispose();
    throw err;
  }

  const container = async (hostname: string) => {
    const [row] = await tdb.db.select().from(containers).where(eq(containers.serviceId, ids[hostname]!));
    return row!.name;
  };
  const vars = async (hostname: string) => {
    const [own] = await tdb.db.select().from(services).where(eq(services.id, ids[hostname]!));
    const pid = own?.projectId ?? projectId;
    const all = await tdb.db.select().from(services).where(eq(services.projectId, pid));
    return resolveServiceEnv(await loadProjectVars(tdb.db, pid, all), hostname).env;
  };
  /** Runs a client program in the service's own container; fails the test on a non-zero exit. */
  const exec = async (hostname: string, argv: string[], env: string[] = [], stdin?: string) => {
    const r = await engine.exec(await container(hostname), argv, { env, stdin });
    expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };
  const backup = async (hostname: string): Promise<Backup> => {
    const done = await finished(await requestBackup(tdb.db, userId, projectId, ids[hostname]!));
    const [row] = await tdb.db.select().from(backups).where(and(eq(backups.processId, done.id)));
    expect(row!.status).toBe('COMPLETE');
    if (!row!.location.startsWith('s3:')) expect(fs.statSync(absolute(row!.location)).size).toBe(row!.sizeBytes);
    return row!;
  };
  const restore = async (hostname: string, backupId: string) => finished(await requestRestore(tdb.db, userId, projectId, ids[hostname]!, { backupId }));

  return {
    tdb,
    db: tdb.db,
    userId,
    projectId,
    ids,
    container,
    vars,
    exec,
    backup,
    restore,
    finished,
    get worker() {
      return worker;
    },
    async restartWorker(next?: Worker) {
      await worker.stop();
      worker = next ?? startWorker({ db: tdb.db, engine, pollMs: 100 });
    },
    async dispose() {
      await worker.stop();
      worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
      const [still] = await tdb.db.select().from(projects).where(eq(projects.id, projectId));
      if (still) {
        await finished(await deleteProject(tdb.db, userId, projectId, { keepBackups: false }));
        expect(fs.existsSync(absolute(`backups/${projectId}`))).toBe(false);
      }
      await worker.stop();
      await tdb.dispose();
    },
  };
}
export type BackupProject = Awaited<ReturnType<typeof backupProject>>;
