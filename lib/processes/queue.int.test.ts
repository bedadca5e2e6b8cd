import crypto from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processLogs, processes, projects } from '@/lib/db/schema';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { createTestDb, testDrivers, type TestDb } from '@/lib/testing/db';
import { createTestUser, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { enqueueProcess } from './enqueue';
import { processHandlers } from './handlers';
import { startWorker } from './worker';

// The queue itself, without Docker: handlers here only record what ran and wait on gates.
const engine = dockerEngine();
const events: string[] = [];
const gates = new Map<string, () => void>();
const gate = (tag: string) => new Promise<void>((resolve) => gates.set(tag, resolve));
const releaseGate = async (tag: string) => {
  const open = await waitFor(`${tag} to wait at its gate`, async () => gates.get(tag));
  gates.delete(tag);
  open();
};

const handlers: typeof processHandlers = { ...processHandlers };
handlers['stack.updateEnv'] = async (ctx) => {
  const tag = String(ctx.process.payload.tag);
  events.push(`start ${tag}`);
  await gate(tag);
  await ctx.checkpoint('after gate');
  events.push(`end ${tag}`);
};
handlers['stack.restart'] = async (ctx) => {
  for (;;) await ctx.checkpoint('spin'); // ends only by cancel or deadline
};

describe.each(testDrivers)('process queue (%s)', (driver) => {
  let tdb: TestDb;
  const project = async (name: string) =>
    (await tdb.db.insert(projects).values({ name, slug: `${name}-${crypto.randomBytes(3).toString('hex')}` }).returning())[0]!;
  const enqueue = async (p: { id: string; name: string }, tag: string, action: 'stack.updateEnv' | 'stack.restart' = 'stack.updateEnv', extra = {}) =>
    enqueueProcess(tdb.db, { projectId: p.id, projectName: p.name, action, payload: { tag: `${driver} ${tag}`, ...extra } });
  const release = (tag: string) => releaseGate(`${driver} ${tag}`);
  const ran = () => events.filter((e) => e.includes(driver)).map((e) => e.replace(` ${driver}`, ''));
  const statusOf = async (id: string) => (await tdb.db.select().from(processes).where(eq(processes.id, id)))[0]!;

  beforeAll(async () => {
    tdb = await createTestDb(driver);
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('a worker whose own heartbeat went stale does not claim its own running process again', async () => {
    const p = await enqueue(await project('own-stale'), 'own');
    // Heartbeats far apart, a short stale window: the row looks abandoned while this worker still runs it.
    const w = startWorker({ db: tdb.db, engine, handlers, pollMs: 20, staleMs: 200, heartbeatMs: 60_000 });
    await waitFor('the handler to start', async () => ran().includes('start own'));
    await new Promise<void>((resolve) => setTimeout(resolve, 600)); // several polls with a stale heartbeat
    expect(ran().filter((e) => e === 'start own')).toEqual(['start own']);
    expect((await statusOf(p.id)).attempts).toBe(1);
    await release('own');
    expect((await waitProcess(tdb.db, p.id, 30_000)).status).toBe('FINISHED');
    await w.stop();
    for (let i = events.length - 1; i >= 0; i--) if (/ own$/.test(events[i]!)) events.splice(i, 1);
  });

  it("shares the worker's slots between tenants: one tenant's long processes do not starve another's", async () => {
    const [ta, tb] = [await createTestUser(tdb.db), await createTestUser(tdb.db)];
    const owned = async (name: string, by: string) =>
      (await tdb.db.insert(projects).values({ name, slug: `${name}-${crypto.randomBytes(3).toString('hex')}`, createdBy: by }).returning())[0]!;
    const long = [await enqueue(await owned('ta1', ta.id), 'ta1'), await enqueue(await owned('ta2', ta.id), 'ta2'), await enqueue(await owned('ta3', ta.id), 'ta3')];
    const other = await enqueue(await owned('tb1', tb.id), 'tb1');
    const w = startWorker({ db: tdb.db, engine, handlers, pollMs: 50, concurrency: 2 });
    await waitFor("the other tenant's process to run beside the first tenant's", async () => ran().includes('start ta1') && ran().includes('start tb1'));
    expect(ran().filter((e) => e.startsWith('start ta'))).toEqual(['start ta1']);
    await release('tb1');
    await waitProcess(tdb.db, other.id, 30_000);
    await release('ta1');
    await release('ta2');
    await release('ta3');
    for (const p of long) expect((await waitProcess(tdb.db, p.id, 30_000)).status).toBe('FINISHED');
    await w.stop();
    // Leave the event record as the other tests expect it.
    for (let i = events.length - 1; i >= 0; i--) if (/ t[ab]\d$/.test(events[i]!)) events.splice(i, 1);
  });

  it("runs one project's processes one at a time in order, and different projects in parallel", async () => {
    const a = await project('a');
    const b = await project('b');
    const a1 = await enqueue(a, 'a1');
    const a2 = await enqueue(a, 'a2');
    const b1 = await enqueue(b, 'b1');
    const w = startWorker({ db: tdb.db, engine, handlers, pollMs: 50, concurrency: 4 });
    await waitFor('a1 and b1 to run together', async () => ran().includes('start a1') && ran().includes('start b1'));
    expect((await statusOf(a2.id)).status).toBe('PENDING'); // a1 still runs
    await release('b1');
    await release('a1');
    await release('a2');
    for (const p of [a1, a2, b1]) expect((await waitProcess(tdb.db, p.id, 30_000)).status).toBe('FINISHED');
    await w.stop();
    const aEvents = ran().filter((e) => e.endsWith('a1') || e.endsWith('a2'));
    expect(aEvents).toEqual(['start a1', 'end a1', 'start a2', 'end a2']);
  });

  it('two workers claim each process exactly once', async () => {
    const list = [];
    for (let i = 0; i < 6; i++) list.push(await enqueue(await project(`p${i}`), `x${i}`));
    const workers = [startWorker({ db: tdb.db, engine, handlers, pollMs: 20 }), startWorker({ db: tdb.db, engine, handlers, pollMs: 20 })];
    for (let i = 0; i < 6; i++) await release(`x${i}`);
    for (const p of list) expect((await waitProcess(tdb.db, p.id, 30_000)).status).toBe('FINISHED');
    await Promise.all(workers.map((w) => w.stop()));
    const rows = await tdb.db.select().from(processes).where(inArray(processes.id, list.map((p) => p.id)));
    expect(rows.map((r) => r.attempts)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(ran().filter((e) => e.startsWith('start x')).sort()).toEqual(list.map((_, i) => `start x${i}`).sort());
  });

  it('takes over a process whose worker stopped heartbeating (a dead worker) and finishes it', async () => {
    const p = await enqueue(await project('stale'), 'stale');
    await tdb.db
      .update(processes)
      .set({ status: 'RUNNING', workerId: 'dead-worker', attempts: 1, startedAt: new Date(), heartbeatAt: new Date(Date.now() - 120_000) })
      .where(eq(processes.id, p.id));
    const w = startWorker({ db: tdb.db, engine, handlers, pollMs: 50, staleMs: 10_000 });
    await release('stale');
    const done = await waitProcess(tdb.db, p.id, 30_000);
    await w.stop();
    expect(done.status).toBe('FINISHED');
    expect(done.attempts).toBe(2);
    expect(done.workerId).toBe(w.id);
    const log = await tdb.db.select().from(processLogs).where(eq(processLogs.processId, p.id));
    expect(log.map((l) => l.message)).toContain('resumed (attempt 2)');
  });

  it('a worker that stalled and lost its process to another worker stops at its next step boundary', async () => {
    const p = await enqueue(await project('stalled'), 'stalled');
    const w = startWorker({ db: tdb.db, engine, handlers, pollMs: 50 });
    await waitFor('the handler to start', async () => ran().includes('start stalled'));
    // What a takeover leaves behind: the row belongs to another worker now.
    await tdb.db.update(processes).set({ workerId: 'rescuer', attempts: 2, heartbeatAt: new Date() }).where(eq(processes.id, p.id));
    await release('stalled');
    await w.idle();
    await w.stop();
    expect(ran()).not.toContain('end stalled'); // the step after the boundary never ran twice
    const row = await statusOf(p.id);
    expect({ status: row.status, workerId: row.workerId }).toEqual({ status: 'RUNNING', workerId: 'rescuer' });
    const log = await tdb.db.select().from(processLogs).where(eq(processLogs.processId, p.id));
    expect(log.map((l) => l.message)).not.toContain('finished');
  });

  it('fails a process past its deadline with a clear error, and one with no handler', async () => {
    const p = await enqueue(await project('deadline'), 'd', 'stack.restart', { deadlineMs: 300 });
    const [unknown] = await tdb.db
      .insert(processes)
      .values({ projectId: (await project('unknown')).id, projectName: 'unknown', action: 'nope.nothing' })
      .returning();
    const w = startWorker({ db: tdb.db, engine, handlers, pollMs: 50 });
    const done = await waitProcess(tdb.db, p.id, 30_000);
    const none = await waitProcess(tdb.db, unknown!.id, 30_000);
    await w.stop();
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('Deadline of 300 ms passed');
    expect(none.status).toBe('FAILED');
    expect(none.error).toBe('No handler for nope.nothing');
  });

  it('cancels a running process at its next step boundary', async () => {
    const p = await enqueue(await project('cancel'), 'c', 'stack.restart');
    const w = startWorker({ db: tdb.db, engine, handlers, pollMs: 50 });
    await waitFor('the process to run', async () => (await statusOf(p.id)).status === 'RUNNING');
    await tdb.db.update(processes).set({ cancelRequested: true, status: 'CANCELING' }).where(eq(processes.id, p.id));
    const done = await waitProcess(tdb.db, p.id, 30_000);
    await w.stop();
    expect(done.status).toBe('CANCELED');
  });
});
