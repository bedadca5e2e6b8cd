import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_INTERVAL_MS } from '@/lib/catalog/building-blocks';
import { containers } from '@/lib/db/schema';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { docker } from '@/lib/provisioner/docker/connection';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { probedReady } from '@/lib/provisioner/ready';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { startSelfHealer, type SelfHealer } from './self-heal';

const engine = dockerEngine();

/**
 * Docker runs a service's health check every HEALTH_INTERVAL_MS, the first one an interval after
 * the start. Berth does not wait for it: a database (no HTTP port) is healthy as soon as its own
 * check's command passes through exec, after its creation and after a restart.
 */
describe('a database is healthy before Docker first checks it', () => {
  let tdb: TestDb;
  let worker: Worker;
  let healer: SelfHealer;
  let userId: string;
  let projectId: string;
  let name: string;

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    projectId = (await createProject(tdb.db, userId, { name: 'health probe' })).project.id;
    healer = await startSelfHealer(tdb.db, engine, { intervalMs: 3_600_000, sweepOrphans: false, debounceMs: 50 });
  });
  afterAll(async () => {
    healer?.stop();
    if (projectId) await waitProcess(tdb.db, (await deleteProject(tdb.db, userId, projectId)).process.id);
    await worker?.stop();
    await tdb?.dispose();
  });

  it('finishes creating Valkey while Docker still says starting', async () => {
    const { process } = await addService(tdb.db, userId, projectId, { hostname: 'cache', type: 'valkey@8.1' });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    name = (await labelAudit(engine, projectId)).containers.find((n) => n.includes('-cache-'))!;
    const d = (await engine.inspectContainer(name))!;
    const upMs = Date.now() - Date.parse(d.startedAt!);
    expect(upMs).toBeLessThan(HEALTH_INTERVAL_MS);
    expect(d.health, `${upMs} ms after the start`).toBe('starting');
    expect(probedReady(d.id, d.startedAt)).toBe(true);
  });

  it('shows a killed Valkey healthy again, after Docker restarted it, before Docker checks it', async () => {
    const before = (await engine.inspectContainer(name))!;
    await docker().getContainer(name).kill();
    const row = await waitFor(
      'the restarted container shown healthy',
      async () => {
        const [r] = await tdb.db.select().from(containers).where(and(eq(containers.projectId, projectId), eq(containers.name, name)));
        return r?.health === 'healthy' && r.startedAt && r.startedAt.toISOString() !== new Date(before.startedAt!).toISOString() ? r : undefined;
      },
      HEALTH_INTERVAL_MS,
      100,
    );
    const d = (await engine.inspectContainer(name))!;
    expect(d.id).toBe(before.id);
    expect(Date.now() - row.startedAt!.getTime()).toBeLessThan(HEALTH_INTERVAL_MS);
    expect(d.health).toBe('starting');
  });
});
