import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProjectCore } from '@/lib/core';
import { edgeName } from '@/lib/core/edge';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, healthyAsShown, labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { startSelfHealer, type SelfHealer } from './self-heal';

const run = promisify(execFile);
const engine = dockerEngine();

/** The running dockerd's pid and its command line, to start it again exactly as it was started. */
async function dockerd(): Promise<{ pid: number; argv: string[] }> {
  const { stdout } = await run('pidof', ['dockerd']);
  const pid = Number(stdout.trim().split(/\s+/)[0]);
  const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  return { pid, argv };
}

const answers = async () => (await engine.engineInfo().then(() => true).catch(() => false)) || undefined;

/**
 * Runs alone, after every other tier (it stops the Docker daemon the others use): dockerd is stopped
 * and started again under a running worker and self-healer, and every container of two projects must
 * be running and healthy again within the bound the README states (60 s from dockerd answering).
 */
describe('a dockerd restart under a running Berth', () => {
  let tdb: TestDb;
  let worker: Worker;
  let healer: SelfHealer;
  let userId: string;
  const projectIds: string[] = [];

  beforeAll(async () => {
    registerProjectCore();
    tdb = await createTestDb('postgres');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    healer = await startSelfHealer(tdb.db, engine, { intervalMs: 5_000, sweepOrphans: false });
    userId = (await createTestUser(tdb.db)).id;
    for (const [name, services] of [
      ['restart a', [['db', 'postgresql@15'], ['app', 'nodejs@18']]],
      ['restart b', [['cache', 'valkey@8.1'], ['web', 'nodejs@18']]],
    ] as const) {
      const { project, process } = await createProject(tdb.db, userId, { name });
      expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
      projectIds.push(project.id);
      for (const [hostname, type] of services) {
        const added = await addService(tdb.db, userId, project.id, { hostname, type });
        expect((await waitProcess(tdb.db, added.process.id)).status).toBe('FINISHED');
      }
    }
  }, 600_000);
  afterAll(async () => {
    await waitFor('dockerd to answer', answers, 60_000, 500);
    for (const id of projectIds) {
      const { process } = await deleteProject(tdb.db, userId, id);
      await waitProcess(tdb.db, process.id, 180_000);
    }
    healer?.stop();
    await worker?.stop();
    await tdb?.dispose();
    await engine.removeContainer(edgeName()).catch(() => {});
  }, 300_000);

  const all = async () => (await Promise.all(projectIds.map((id) => labelAudit(engine, id)))).flatMap((a) => a.containers);
  const healthyCount = async (names: string[]) => {
    const details = await Promise.all(names.map((n) => engine.inspectContainer(n).catch(() => undefined)));
    return details.filter(healthyAsShown).length;
  };

  it('brings every container of every project back, healthy', async () => {
    const names = await all();
    expect(names.length).toBeGreaterThanOrEqual(6); // two cores and four services
    await waitFor('every container healthy before the restart', async () => (await healthyCount(names)) === names.length || undefined, 180_000, 500);

    const { pid, argv } = await dockerd();
    process.kill(pid, 'SIGTERM');
    await waitFor('dockerd to exit', async () => !fs.existsSync(`/proc/${pid}`) || undefined, 120_000, 200);
    const log = fs.openSync('/var/log/berth-dockerd.log', 'a');
    const child = spawn(argv[0]!, argv.slice(1), { detached: true, stdio: ['ignore', log, log] });
    child.unref();
    fs.closeSync(log);
    await waitFor('dockerd to answer again', answers, 60_000, 200);
    const back = Date.now();

    await waitFor('every container running and healthy again', async () => (await healthyCount(await all())) >= names.length || undefined, 60_000, 500);
    console.log(`dockerd restart: every container healthy ${((Date.now() - back) / 1000).toFixed(1)} s after dockerd answered`);
  }, 400_000);
});
