import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processes } from '@/lib/db/schema';
import { startRecordingWorker, startWorkerDyingAt } from '@/lib/processes/testing/crash-at';
import { startWorker } from '@/lib/processes/worker';
import { buildWantedProject } from '@/lib/provisioner/wanted';
import { deployArchive } from '@/lib/domain/deploys';
import { labelAudit, waitProcess } from '@/lib/testing/engine';
import { exampleCopy, tarGz } from './testing/fixtures';
import { buildContainers, deployProject, engine, versionRow } from './testing/harness';

/**
 * service.deploy killed at every distinct step boundary in turn (the static example: the
 * quickest build): the resumed process finishes, the version is ACTIVE, and Docker holds exactly
 * the wanted containers, with no build container left.
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

  it('a worker killed at every boundary: the deploy resumes and finishes, Docker holds exactly what is wanted', async () => {
    for (let boundary = 0; boundary < reference.length; boundary++) {
      const { worker: dying, crash } = startWorkerDyingAt({ db: t.db, engine, action: 'service.deploy', boundary });
      const { version, process } = await deployArchive(t.db, t.userId, t.project.id, siteId, archive);
      // A boundary the reference passed may not come in this run (a build without cache ticks): then it finishes uncrashed.
      const where = await Promise.race([crash, waitProcess(t.db, process.id, 300_000).then(() => null)]);
      await dying.stop();
      if (where === null) continue;
      expect((await t.db.select().from(processes).where(eq(processes.id, process.id)))[0]!.status, where).toBe('RUNNING');
      const rescuer = startWorker({ db: t.db, engine, pollMs: 100, staleMs: 1_000 });
      const done = await waitProcess(t.db, process.id, 300_000);
      await rescuer.stop();
      expect(done.status, `crash at ${where}: ${done.error}`).toBe('FINISHED');
      expect((await versionRow(t.db, version.id)).status, where).toBe('ACTIVE');
      const wanted = await buildWantedProject(t.db, engine, t.project.id);
      expect((await labelAudit(engine, t.project.id)).containers, where).toEqual(wanted.containers.map((c) => c.spec.name).sort());
      expect(await buildContainers(t.project.id), where).toEqual([]);
    }
  }, 1_200_000);
});
