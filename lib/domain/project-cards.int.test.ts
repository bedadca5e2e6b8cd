import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectMembers, projects } from '@/lib/db/schema';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser } from '@/lib/testing/engine';
import { PROJECTS_PAGE_SIZE, projectCardsPage } from './project-cards';

/** The projects page lists the user's projects a page at a time, newest first, filtered by name. */
describe('project cards by page', () => {
  let tdb: TestDb;
  let userId: string;

  beforeAll(async () => {
    tdb = await createTestDb('pglite');
    userId = (await createTestUser(tdb.db)).id;
    const other = (await createTestUser(tdb.db)).id;
    const t0 = Date.now();
    const names = [...Array.from({ length: PROJECTS_PAGE_SIZE + 2 }, (_, i) => `Shop ${i}`), '100% uptime', 'snake_case'];
    const rows = await tdb.db
      .insert(projects)
      .values(names.map((name, i) => ({ name, slug: `p-${i}`, status: 'ACTIVE' as const, createdAt: new Date(t0 + i * 1000) })))
      .returning();
    await tdb.db.insert(projectMembers).values(rows.map((p) => ({ projectId: p.id, userId, role: 'owner' as const })));
    // Someone else's project is never listed.
    const [foreign] = await tdb.db.insert(projects).values({ name: 'Shop of another', slug: 'foreign', status: 'ACTIVE' }).returning();
    await tdb.db.insert(projectMembers).values({ projectId: foreign!.id, userId: other, role: 'owner' });
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('pages newest first, and a page past the end shows the last one', async () => {
    const first = await projectCardsPage(tdb.db, userId, {});
    expect({ page: first.page, pages: first.pages, total: first.total, count: first.cards.length }).toEqual({ page: 1, pages: 2, total: PROJECTS_PAGE_SIZE + 4, count: PROJECTS_PAGE_SIZE });
    expect(first.cards.slice(0, 3).map((c) => c.name)).toEqual(['snake_case', '100% uptime', `Shop ${PROJECTS_PAGE_SIZE + 1}`]);
    const second = await projectCardsPage(tdb.db, userId, { page: '2' });
    expect(second.cards.map((c) => c.name)).toEqual(['Shop 3', 'Shop 2', 'Shop 1', 'Shop 0']);
    expect((await projectCardsPage(tdb.db, userId, { page: '99' })).page).toBe(2);
    expect((await projectCardsPage(tdb.db, userId, { page: 'x' })).page).toBe(1);
  });

  it('filters by name, case-insensitive, with % and _ taken literally', async () => {
    expect((await projectCardsPage(tdb.db, userId, { q: 'shop 4' })).cards.map((c) => c.name)).toEqual(['Shop 49', 'Shop 48', 'Shop 47', 'Shop 46', 'Shop 45', 'Shop 44', 'Shop 43', 'Shop 42', 'Shop 41', 'Shop 40', 'Shop 4']);
    expect((await projectCardsPage(tdb.db, userId, { q: '%' })).cards.map((c) => c.name)).toEqual(['100% uptime']);
    expect((await projectCardsPage(tdb.db, userId, { q: '_' })).cards.map((c) => c.name)).toEqual(['snake_case']);
    expect((await projectCardsPage(tdb.db, userId, { q: 'another' })).total).toBe(0);
  });
});
