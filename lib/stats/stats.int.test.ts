import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects, statsSamples } from '@/lib/db/schema';
import { createTestDb, testDrivers, type TestDb } from '@/lib/testing/db';
import { eq } from 'drizzle-orm';
import { STATS_RETENTION, downsample, insertSamples, queryStats } from './sampler';

const HOUR = 3_600_000;
const now = new Date('2026-11-23T12:00:30Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe.each(testDrivers)('statistics downsampling and queries (%s)', (driver) => {
  let tdb: TestDb;
  let projectId: string;
  const sample = (container: string, at: Date, cpu: number, rx: number) => ({
    projectId,
    containerName: container,
    at,
    cpuPercent: cpu,
    memoryBytes: 1000,
    memoryLimitBytes: 4000,
    netRxBytes: rx,
    netTxBytes: 0,
    blockReadBytes: 0,
    blockWriteBytes: 0,
  });

  beforeAll(async () => {
    tdb = await createTestDb(driver);
    const [p] = await tdb.db.insert(projects).values({ name: 'stats', slug: `stats-${Date.now()}` }).returning();
    projectId = p!.id;
    await tdb.db.insert(statsSamples).values([
      // Two raw samples in one minute, two hours ago: one 1-minute row, averaged.
      sample('c1', ago(2 * HOUR), 10, 100),
      sample('c1', ago(2 * HOUR - 20_000), 30, 300),
      sample('c2', ago(2 * HOUR), 50, 7),
      // Recent raw samples stay raw.
      sample('c1', ago(60_000), 5, 900),
      // A day and a half ago, already 1-minute rows: one 1-hour row.
      { ...sample('c1', ago(36 * HOUR), 20, 10), resolution: '1m' },
      { ...sample('c1', ago(36 * HOUR - 60_000), 40, 20), resolution: '1m' },
      // Older than the retention: dropped.
      { ...sample('c1', ago(STATS_RETENTION.hourMs + HOUR), 1, 1), resolution: '1h' },
    ]);
    await downsample(tdb.db, now);
  });
  afterAll(async () => tdb?.dispose());

  it('rolls raw rows into 1-minute rows and 1-minute rows into 1-hour rows, keeping counters', async () => {
    const rows = await queryStats(tdb.db, { projectId, container: 'c1', until: now, sinceMs: STATS_RETENTION.hourMs + 2 * HOUR });
    expect(rows.map((r) => [r.resolution, r.cpuPercent, r.netRxBytes])).toEqual([
      ['1h', 30, 20],
      ['1m', 20, 300],
      ['raw', 5, 900],
    ]);
    const minute = rows.find((r) => r.resolution === '1m')!;
    expect(minute.at.getUTCSeconds()).toBe(0);
  });

  it('answers per container, per resolution and per time window', async () => {
    expect(await queryStats(tdb.db, { projectId, container: 'c2', until: now, sinceMs: 3 * HOUR })).toHaveLength(1);
    expect(await queryStats(tdb.db, { projectId, resolution: 'raw', until: now, sinceMs: 3 * HOUR })).toHaveLength(1);
    expect(await queryStats(tdb.db, { projectId, until: now, sinceMs: 90_000 })).toHaveLength(1);
  });

  it('a second pass changes nothing', async () => {
    const before = await queryStats(tdb.db, { projectId, until: now, sinceMs: 40 * HOUR });
    await downsample(tdb.db, now);
    expect(await queryStats(tdb.db, { projectId, until: now, sinceMs: 40 * HOUR })).toEqual(before);
  });

  it('samples of a project deleted while it was sampled are dropped; the others are kept', async () => {
    const [gone] = await tdb.db.insert(projects).values({ name: 'gone', slug: `gone-${Date.now()}` }).returning();
    await tdb.db.delete(projects).where(eq(projects.id, gone!.id));
    await insertSamples(tdb.db, [sample('kept', now, 1, 1), { ...sample('lost', now, 1, 1), projectId: gone!.id }]);
    const names = (await tdb.db.select().from(statsSamples).where(eq(statsSamples.at, now))).map((r) => r.containerName);
    expect(names).toEqual(['kept']);
  });
});
