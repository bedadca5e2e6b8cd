import { spawn } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Db } from '@/lib/db/client';
import { processLogs, processes, services } from '@/lib/db/schema';
import { killAtEveryBoundary, startRecordingWorker } from '@/lib/processes/testing/crash-at';
import { startWorker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { buildWantedProject } from '@/lib/provisioner/wanted';
import { cancelProcess } from '@/lib/domain/processes';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestDb, testDrivers, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { healProject } from '@/lib/background/self-heal';

const engine = dockerEngine();

/** Docker holds exactly what the database wants: no orphan, no duplicate, nothing missing. */
async function expectExactlyWanted(db: Db, projectId: string) {
  const wanted = await buildWantedProject(db, engine, projectId);
  const audit = await labelAudit(engine, projectId);
  expect(audit.containers).toEqual(wanted.containers.map((c) => c.spec.name).sort());
  expect(audit.volumes).toEqual([...new Set(wanted.volumes.map((v) => v.name))].sort());
  expect(audit.networks).toEqual([wanted.network?.name]);
}

describe.each(testDrivers)('crash safety of stack.create (%s)', (driver) => {
  let tdb: TestDb;
  let userId: string;
  let projectId: string;
  let reference: string[] = [];

  beforeAll(async () => {
    tdb = await createTestDb(driver);
    userId = (await createTestUser(tdb.db)).id;
    const { worker: w, seen } = startRecordingWorker({ db: tdb.db, engine, action: 'stack.create' });
    const { project, process } = await createProject(tdb.db, userId, { name: `crash ${driver}` });
    projectId = project.id;
    await waitProcess(tdb.db, process.id);
    // A reference run records every step boundary of stack.create for this service type.
    const ref = await addService(tdb.db, userId, projectId, { hostname: 'ref', type: 'nodejs@18' });
    expect((await waitProcess(tdb.db, ref.process.id)).status).toBe('FINISHED');
    await w.stop();
    reference = seen;
  });
  afterAll(async () => {
    const w = startWorker({ db: tdb.db, engine, pollMs: 100 });
    const { process } = await deleteProject(tdb.db, userId, projectId);
    await waitProcess(tdb.db, process.id);
    await w.stop();
    expect(await labelAudit(engine, projectId)).toEqual({ containers: [], networks: [], volumes: [] });
    await tdb.dispose();
  });

  it('has the step boundaries a stack.create should have', () => {
    expect(reference.slice(0, 3)).toEqual(['begin', 'reconcile', 'apply createContainer berth-' + projectId.replace(/-/g, '').slice(0, 8) + '-ref-runtime-0']);
    expect(reference).toEqual(expect.arrayContaining(['reconciled', 'health', 'healthy', 'end']));
  });

  it('a worker killed at every step boundary in turn: the process resumes each time, finishes, and Docker holds exactly the wanted objects', async () => {
    const db = tdb.db;
    let n = 0;
    const { unreached } = await killAtEveryBoundary({
      db,
      engine,
      boundaries: reference.map((b) => b.replace('-ref-', '-X-')),
      start: async () => {
        const hostname = `web${n++}`;
        const { process } = await addService(db, userId, projectId, { hostname, type: 'nodejs@18' });
        return { processId: process.id, normalize: (b) => b.replace(`-${hostname}-`, '-X-') };
      },
      afterCrash: async (processId, where) => {
        const [row] = await db.select().from(processes).where(eq(processes.id, processId));
        expect(row!.status, `after a crash at ${where}`).toBe('RUNNING'); // its worker is gone; nobody finished it
      },
      afterRun: async (processId, diedAt) => {
        const [done] = await db.select().from(processes).where(eq(processes.id, processId));
        expect(done!.status, `after crashes at ${diedAt.join(', ')}: ${done!.error}`).toBe('FINISHED');
        expect(done!.attempts).toBe(diedAt.length + 1);
        const [svc] = await db.select().from(services).where(eq(services.id, done!.serviceId!));
        expect(svc!.status).toBe('ACTIVE');
        await expectExactlyWanted(db, projectId);
      },
    });
    expect(unreached).toEqual([]);
  });

  it('cancel stops a running process at the next step boundary, and a reconcile reconciles what it left', async () => {
    const db = tdb.db;
    const w = startWorker({ db, engine, pollMs: 100 });
    const { process } = await addService(db, userId, projectId, { hostname: 'cancelme', type: 'postgresql@15' });
    await waitFor('process to run', async () => (await db.select().from(processes).where(eq(processes.id, process.id)))[0]?.status === 'RUNNING');
    await cancelProcess(db, userId, projectId, process.id);
    const done = await waitProcess(db, process.id);
    await w.stop();
    expect(done.status).toBe('CANCELED');
    const log = await db.select().from(processLogs).where(eq(processLogs.processId, process.id));
    expect(log.map((l) => l.message)).toContainEqual(expect.stringContaining('canceled at a step boundary'));
    await healProject(db, engine, projectId);
    await expectExactlyWanted(db, projectId);
  });
});

/** A real death: a worker in its own OS process is SIGKILLed mid stack.create; this process resumes it. */
describe('crash safety with a SIGKILLed worker process (postgres)', () => {
  let tdb: TestDb;
  let userId: string;
  let projectId: string;

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    userId = (await createTestUser(tdb.db)).id;
    const w = startWorker({ db: tdb.db, engine, pollMs: 100 });
    const { project, process } = await createProject(tdb.db, userId, { name: 'sigkill' });
    projectId = project.id;
    await waitProcess(tdb.db, process.id);
    await w.stop();
  });
  afterAll(async () => {
    const w = startWorker({ db: tdb.db, engine, pollMs: 100 });
    const { process } = await deleteProject(tdb.db, userId, projectId);
    await waitProcess(tdb.db, process.id);
    await w.stop();
    await tdb.dispose();
  });

  it.each(['apply createContainer', 'health'])('killed at "%s": another worker resumes and finishes it', async (prefix) => {
    const db = tdb.db;
    // `node --import tsx` (not the tsx CLI, which runs the script in a grandchild) so the kill is this pid's.
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('lib/processes/testing/crash-child.ts'), tdb.url!, 'stack.create', prefix], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    onTestFinished(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await waitFor('the child worker to start', async () => out.includes('worker ready'), 60_000);
    const hostname = prefix.startsWith('apply') ? 'killa' : 'killh';
    const { process: p } = await addService(db, userId, projectId, { hostname, type: 'nodejs@18' });
    expect(await exited).toBe('SIGKILL');
    expect(out).toContain(`dying at ${prefix}`);
    expect((await db.select().from(processes).where(eq(processes.id, p.id)))[0]!.status).toBe('RUNNING');

    const rescuer = startWorker({ db, engine, pollMs: 100, staleMs: 1_000 });
    const done = await waitProcess(db, p.id);
    await rescuer.stop();
    expect(done.status, String(done.error)).toBe('FINISHED');
    expect(done.attempts).toBe(2);
    await expectExactlyWanted(db, projectId);
  });
});
