import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/lib/db/schema';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser } from '@/lib/testing/engine';
import { listEnv, setEnv } from './env';
import { createProject } from './projects';

describe('revealing secrets', () => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb('pglite');
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('writes an audit row naming who saw which secret keys; a masked listing writes none', async () => {
    const user = await createTestUser(tdb.db);
    const { project } = await createProject(tdb.db, user.id, { name: 'reveal' });
    await setEnv(tdb.db, user.id, project.id, null, { key: 'API_KEY', value: 'sekrit', secret: true });
    await setEnv(tdb.db, user.id, project.id, null, { key: 'PLAIN', value: 'visible' });
    const reveals = () => tdb.db.select().from(auditLog).where(and(eq(auditLog.projectId, project.id), eq(auditLog.action, 'env.reveal')));
    await listEnv(tdb.db, user.id, project.id, null);
    expect(await reveals()).toEqual([]);
    const shown = await listEnv(tdb.db, user.id, project.id, null, { reveal: true });
    expect(shown.find((v) => v.key === 'API_KEY')?.value).toBe('sekrit');
    const rows = await reveals();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: user.id, details: { variables: ['API_KEY'] } });
  });
});
