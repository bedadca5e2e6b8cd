import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { backups, processLogs, processes } from '@/lib/db/schema';
import { startWorker } from '@/lib/processes/worker';
import { waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { requestBackup, requestRestore, setSchedule } from './domain';
import { absolute } from './files';
import { fireDueBackups, startBackupScheduler } from './scheduler';
import { backupProject, engine, type BackupProject } from './testing/fixture';

/** Schedules, retention, the project cap, tampering and a worker killed mid-way, on one PostgreSQL service. */
describe('backup policy on the real engine', () => {
  let p: BackupProject;
  let pg: string;
  const psql = async (sql: string) => {
    const v = await p.vars('pg');
    return (await p.exec('pg', ['psql', '-h', '127.0.0.1', '-U', v.user!, '-d', v.dbName!, '-v', 'ON_ERROR_STOP=1', '-qtAc', sql], [`PGPASSWORD=${v.password}`])).trim();
  };
  const digest = "select count(*) || ':' || md5(string_agg(id || t, ',' order by id)) from big";
  const list = () => p.db.select().from(backups).where(eq(backups.serviceId, pg));
  let known: string;

  beforeAll(async () => {
    p = await backupProject('backup-policy', [['pg', 'postgresql@15']]);
    pg = p.ids.pg!;
    // Enough data that the dump and the restore pass several progress boundaries (every 8 MB).
    await psql("create table big (id int primary key, t text); insert into big select g, repeat(md5(g::text) || md5(random()::text), 4) from generate_series(1, 200000) g");
    known = await psql(digest);
  }, 600_000);
  afterAll(async () => {
    await p?.dispose();
  }, 300_000);

  it('a schedule fires at its time on the injected clock, once, and the loop fires it too', async () => {
    const t0 = new Date('2031-05-01T01:30:00Z');
    const s = await setSchedule(p.db, p.userId, p.projectId, pg, { enabled: true, cron: '0 3 * * *', timeZone: 'Europe/Prague', keepLast: null }, t0);
    // 03:00 in Prague (summer time) is 01:00 UTC: the next run is the next day.
    expect(s.nextRuns.slice(0, 2)).toEqual(['2031-05-02T01:00:00.000Z', '2031-05-03T01:00:00.000Z']);
    expect(await fireDueBackups(p.db, new Date('2031-05-02T00:59:00Z'))).toEqual([]);
    expect(await fireDueBackups(p.db, new Date('2031-05-02T01:00:10Z'))).toEqual([pg]);
    expect(await fireDueBackups(p.db, new Date('2031-05-02T01:00:40Z'))).toEqual([]);
    const [queued] = await p.db.select().from(processes).where(and(eq(processes.serviceId, pg), eq(processes.action, 'service.backup')));
    expect((await waitProcess(p.db, queued!.id)).status).toBe('FINISHED');
    expect((await list()).map((b) => [b.status, b.trigger])).toEqual([['COMPLETE', 'SCHEDULE']]);

    let now = new Date('2031-05-02T02:00:00Z').getTime();
    const loop = startBackupScheduler(p.db, { intervalMs: 50, clock: { now: () => now, sleep: async () => {} } });
    onTestFinished(() => loop.stop());
    now = new Date('2031-05-03T01:00:05Z').getTime();
    const second = await waitFor('the scheduler loop to queue a backup', async () => {
      const rows = await p.db.select().from(processes).where(and(eq(processes.serviceId, pg), eq(processes.action, 'service.backup')));
      return rows.length === 2 ? rows.find((r) => r.id !== queued!.id) : undefined;
    }, 30_000, 50);
    loop.stop();
    expect((await waitProcess(p.db, second.id)).status).toBe('FINISHED');
    await setSchedule(p.db, p.userId, p.projectId, pg, { enabled: false });
  });

  it('retention keeps the newest N and logs what it pruned', async () => {
    await setSchedule(p.db, p.userId, p.projectId, pg, { keepLast: 2 });
    const before = (await list()).filter((b) => b.status === 'COMPLETE');
    expect(before.length).toBe(2);
    const b3 = await p.backup('pg');
    const after = (await list()).filter((b) => b.status === 'COMPLETE').map((b) => b.id).sort();
    const oldest = before.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0]!;
    expect(after).toEqual([before[1]!.id, b3.id].sort());
    expect(fs.existsSync(absolute(oldest.location))).toBe(false);
    const log = await p.db.select().from(processLogs).where(eq(processLogs.processId, b3.processId!));
    expect(log.map((l) => l.message)).toContainEqual(expect.stringMatching(new RegExp(`^pruned backup ${oldest.id}`)));
  });

  it('the project cap refuses a new backup with the usage and the cap', async () => {
    const [filler] = await p.db
      .insert(backups)
      .values({ projectId: p.projectId, serviceId: pg, serviceHostname: 'pg', serviceType: 'postgresql', serviceVersion: '15', status: 'COMPLETE', tool: 'pg_dump', location: 'backups/none', sizeBytes: 5 * 1024 ** 3 })
      .returning();
    onTestFinished(async () => void (await p.db.delete(backups).where(eq(backups.id, filler!.id))));
    await expect(requestBackup(p.db, p.userId, p.projectId, pg)).rejects.toThrow(/The project's backups use 5\.\d\d GB of its 5\.00 GB \(Light core\); delete old backups/);
  });

  it('a tampered backup is refused at restore and the data stays', async () => {
    const b = (await list()).filter((x) => x.status === 'COMPLETE').sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime())[0]!;
    const file = absolute(b.location);
    const original = fs.readFileSync(file);
    onTestFinished(() => fs.writeFileSync(file, original));
    const bad = Buffer.from(original);
    bad[bad.length >> 1] = bad[bad.length >> 1]! ^ 0xff;
    fs.writeFileSync(file, bad);
    await psql('update big set t = t where id = 1');
    const { process } = await requestRestore(p.db, p.userId, p.projectId, pg, { backupId: b.id });
    const done = await waitProcess(p.db, process.id);
    expect(done.status).toBe('FAILED');
    expect(done.error).toMatch(/The backup file is damaged or was changed \(its checksum does not match\); it is not restored/);
    expect(await psql(digest)).toBe(known);
  });

  const killedAt = async (action: 'service.backup' | 'service.restore', boundary: string, start: () => Promise<{ process: { id: string } }>) => {
    await p.restartWorker(startWorker({ db: p.db, engine, pollMs: 100, staleMs: 1_000, concurrency: 0 }));
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('lib/processes/testing/crash-child.ts'), p.tdb.url!, action, boundary], { stdio: ['ignore', 'pipe', 'inherit'] });
    onTestFinished(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await waitFor('the child worker to start', async () => out.includes('worker ready'), 60_000);
    const { process: queued } = await start();
    expect(await exited).toBe('SIGKILL');
    expect(out).toContain(`dying at ${boundary}`);
    return queued.id;
  };

  it.each(['progress', 'record'])('a worker killed during a backup (at "%s") leaves no backup complete; the rescuer marks it failed and backs up again', async (boundary) => {
    const processId = await killedAt('service.backup', boundary, () => requestBackup(p.db, p.userId, p.projectId, pg));
    const [dead] = await p.db.select().from(backups).where(eq(backups.processId, processId));
    expect(dead!.status).toBe('RUNNING');
    expect(dead!.sha256).toBeNull();
    await p.restartWorker(startWorker({ db: p.db, engine, pollMs: 100, staleMs: 1_000 }));
    const done = await waitProcess(p.db, processId);
    expect(done.status, String(done.error)).toBe('FINISHED');
    const rows = await p.db.select().from(backups).where(eq(backups.processId, processId));
    expect(rows.find((r) => r.id === dead!.id)).toMatchObject({ status: 'FAILED', error: 'the worker stopped during the backup' });
    expect(rows.filter((r) => r.status === 'COMPLETE')).toHaveLength(1);
    expect(fs.existsSync(absolute(dead!.location))).toBe(false);
    expect(fs.existsSync(absolute(`${dead!.location}.part`))).toBe(false);
  });

  it('a worker killed during a restore leaves the live data as it was; the rescuer finishes the restore', async () => {
    const b = (await list()).filter((x) => x.status === 'COMPLETE').sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime())[0]!;
    await psql('delete from big where id > 1000');
    const changed = await psql(digest);
    const processId = await killedAt('service.restore', 'progress', () => requestRestore(p.db, p.userId, p.projectId, pg, { backupId: b.id }));
    expect(await psql(digest)).toBe(changed);
    await p.restartWorker(startWorker({ db: p.db, engine, pollMs: 100, staleMs: 1_000 }));
    const done = await waitProcess(p.db, processId);
    expect(done.status, String(done.error)).toBe('FINISHED');
    expect(await psql(digest)).toBe(known);
  });
});
