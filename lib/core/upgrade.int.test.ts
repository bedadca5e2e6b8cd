import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processes, projects } from '@/lib/db/schema';
import { killAtEveryBoundary, startRecordingWorker } from '@/lib/processes/testing/crash-at';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { containerName } from '@/lib/provisioner/labels';
import { edgeName } from './edge';
import { registerProjectCore } from './index';
import { upgradeCore } from '@/lib/domain/core-upgrade';

const engine = dockerEngine();
registerProjectCore();

describe('LIGHT → SERIOUS survives a worker dying at any step', () => {
  let tdb: TestDb;
  let userId: string;
  let reference: string[] = [];
  let referenceProjectId: string;
  const made: string[] = [];

  async function lightProject(): Promise<string> {
    const w = startWorker({ db: tdb.db, engine, pollMs: 50 });
    const { project, process } = await createProject(tdb.db, userId, { name: `upgrade ${made.length} ${Date.now().toString(36)}` });
    made.push(project.id);
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    await w.stop();
    return project.id;
  }

  /** The end state of every run: SERIOUS, ACTIVE, same address, exactly the two Serious balancers and the logger running. */
  async function expectUpgraded(projectId: string, address: string | null, where: string) {
    const [row] = await tdb.db.select().from(projects).where(eq(projects.id, projectId));
    expect({ core: row!.corePackage, status: row!.status, address: row!.address, upgrade: row!.settings.coreUpgrade ?? null }, where).toEqual({
      core: 'SERIOUS',
      status: 'ACTIVE',
      address,
      upgrade: null,
    });
    const core = (await labelAudit(engine, projectId)).containers.filter((n) => n.includes('-core-'));
    expect(core.map((n) => n.split('-core-')[1]).sort(), where).toEqual(['balancer-1', 'balancer-2', 'logger']);
    for (const n of core) expect((await engine.inspectContainer(n))?.state, `${n} ${where}`).toBe('running');
  }

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    userId = (await createTestUser(tdb.db)).id;
    referenceProjectId = await lightProject();
    const { worker: w, seen } = startRecordingWorker({ db: tdb.db, engine, action: 'project.upgradeCore', pollMs: 50 });
    const { process } = await upgradeCore(tdb.db, userId, referenceProjectId);
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    await w.stop();
    reference = seen;
  }, 120_000);
  afterAll(async () => {
    const w: Worker = startWorker({ db: tdb.db, engine, pollMs: 50 });
    for (const id of made) await waitProcess(tdb.db, (await deleteProject(tdb.db, userId, id)).process.id);
    await w.stop();
    await engine.removeContainer(edgeName());
    await tdb?.dispose();
  });

  it('has the steps an upgrade should have', () => {
    expect(reference).toEqual(expect.arrayContaining(['reconcile', 'light logger stopped', 'light balancer stopped', 'reconciled', 'end']));
    expect(reference.filter((b) => b.startsWith('apply createContainer')).map((b) => b.split('-core-')[1])).toEqual(['balancer-1', 'balancer-2', 'logger']);
  });

  it('a worker killed at every step boundary in turn: the upgrade resumes each time and ends SERIOUS with the same address', async () => {
    const addresses = new Map<string, { projectId: string; address: string | null }>();
    const tagged = (projectId: string) => (b: string) => b.replace(containerName(projectId, ''), 'berth-P-');
    const { unreached } = await killAtEveryBoundary({
      db: tdb.db,
      engine,
      boundaries: reference.map(tagged(referenceProjectId)),
      start: async () => {
        const projectId = await lightProject();
        const [before] = await tdb.db.select().from(projects).where(eq(projects.id, projectId));
        const { process } = await upgradeCore(tdb.db, userId, projectId);
        addresses.set(process.id, { projectId, address: before!.address });
        return { processId: process.id, normalize: tagged(projectId) };
      },
      afterCrash: async (processId, where) => {
        expect((await tdb.db.select().from(processes).where(eq(processes.id, processId)))[0]!.status, `after a crash at ${where}`).toBe('RUNNING');
      },
      afterRun: async (processId, diedAt) => {
        const [done] = await tdb.db.select().from(processes).where(eq(processes.id, processId));
        const where = `after crashes at ${diedAt.join(', ')}`;
        expect(done!.status, `${where}: ${done!.error}`).toBe('FINISHED');
        expect(done!.attempts, where).toBe(diedAt.length + 1);
        const { projectId, address } = addresses.get(processId)!;
        await expectUpgraded(projectId, address, where);
        await expect(upgradeCore(tdb.db, userId, projectId)).rejects.toThrow(/there is no downgrade/);
      },
    });
    expect(unreached).toEqual([]);
  }, 300_000);
});
