import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processes } from '@/lib/db/schema';
import { killAtEveryBoundary, startRecordingWorker } from '@/lib/processes/testing/crash-at';
import { buildWantedProject } from '@/lib/provisioner/wanted';
import { deployArchive } from '@/lib/domain/deploys';
import { labelAudit, waitProcess } from '@/lib/testing/engine';
import { exampleCopy, tarGz } from './testing/fixtures';
import { buildContainers, deployProject, engine, versionRow } from './testing/harness';

/**
 * service.deploy killed at every distinct step boundary in turn (the static example: the quickest
 * build), each worker taking the deploy over where the last one died: the last one finishes it, the
 * version is ACTIVE, and Docker holds exactly the wanted containers, with no build container left.
 */
describe('crash safety of service.deploy (postgres)', () => {
  let t: Awaited<ReturnType<typeof deployProject>>;
  let siteId: string;
  let archive: Buffer;
  let reference: string[] = [];

  beforeAll(async () => {
    t = await deployProject('deploy crash');
    siteId = (await t.add('site', 'static')).id;
    archive = await tarGz(await exampleCopy('static'));
    await t.worker.stop();
    const { worker, seen } = startRecordingWorker({ db: t.db, engine, action: 'service.deploy' });
    const { process } = await deployArchive(t.db, t.userId, t.project.id, siteId, archive);
    expect((await waitProcess(t.db, process.id, 300_000)).status).toBe('FINISHED');
    await worker.stop();
    reference = seen;
  }, 400_000);
  afterAll(async () => {
    t.restartWorker();
    await t?.dispose();
  }, 120_000);

  it('has the boundaries of a build and a rollout', () => {
    expect(reference).toEqual(expect.arrayContaining(['begin', 'source ready', 'build prepared', 'built', 'reconcile', 'reconciled', 'switch', 'remove old', 'end']));
  });

  it('a worker killed at every boundary in turn: the deploy resumes each time and finishes, Docker holds exactly what is wanted', async () => {
    const versions = new Map<string, string>();
    const { unreached } = await killAtEveryBoundary({
      db: t.db,
      engine,
      boundaries: reference,
      start: async () => {
        const { version, process } = await deployArchive(t.db, t.userId, t.project.id, siteId, archive);
        versions.set(process.id, version.id);
        return { processId: process.id };
      },
      afterCrash: async (processId, where) => {
        expect((await t.db.select().from(processes).where(eq(processes.id, processId)))[0]!.status, where).toBe('RUNNING');
      },
      afterRun: async (processId, diedAt) => {
        const [done] = await t.db.select().from(processes).where(eq(processes.id, processId));
        const where = `after crashes at ${diedAt.join(', ')}`;
        expect(done!.status, `${where}: ${done!.error}`).toBe('FINISHED');
        expect(done!.attempts, where).toBe(diedAt.length + 1);
        expect((await versionRow(t.db, versions.get(processId)!)).status, where).toBe('ACTIVE');
        const wanted = await buildWantedProject(t.db, engine, t.project.id);
        expect((await labelAudit(engine, t.project.id)).containers, where).toEqual(wanted.containers.map((c) => c.spec.name).sort());
        expect(await buildContainers(t.project.id), where).toEqual([]);
      },
    });
    // A boundary of the reference may not come again (a build without cache ticks); these always do.
    const always = ['begin', 'source ready', 'build prepared', 'built', 'reconcile', 'reconciled', 'switch', 'remove old', 'end'];
    expect(unreached.filter((b) => always.includes(b))).toEqual([]);
  }, 600_000);
});
