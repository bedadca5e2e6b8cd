import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, processLogs, processes } from '@/lib/db/schema';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { enforceRecordRetention } from './retention';

describe('record retention', () => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb('pglite');
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('drops finished processes (with their step logs) and audit rows past retention, keeping recent and unfinished ones', async () => {
    const now = new Date('2026-11-26T00:00:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const [old, recent, pending] = await tdb.db
      .insert(processes)
      .values([
        { projectName: 'p', action: 'stack.restart', status: 'FINISHED', finishedAt: daysAgo(91) },
        { projectName: 'p', action: 'stack.restart', status: 'FAILED', finishedAt: daysAgo(10) },
        { projectName: 'p', action: 'stack.restart', status: 'PENDING' },
      ])
      .returning();
    await tdb.db.insert(processLogs).values([{ processId: old!.id, message: 'old step' }, { processId: recent!.id, message: 'recent step' }]);
    await tdb.db.insert(auditLog).values([{ action: 'old', at: daysAgo(400) }, { action: 'recent', at: daysAgo(5) }]);
    expect(await enforceRecordRetention(tdb.db, now)).toEqual({ processes: 1, audit: 1 });
    const left = (await tdb.db.select({ id: processes.id }).from(processes)).map((p) => p.id).sort();
    expect(left).toEqual([recent!.id, pending!.id].sort());
    expect(await tdb.db.select().from(processLogs).where(eq(processLogs.processId, old!.id))).toEqual([]);
    expect((await tdb.db.select().from(auditLog)).map((a) => a.action)).toEqual(['recent']);
  });
});
