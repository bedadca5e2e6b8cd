import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTestSessionUser } from '@/lib/auth/guards';
import { useDbHandle } from '@/lib/db';
import { projectMembers } from '@/lib/db/schema';
import { createProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser } from '@/lib/testing/engine';
import { listActionModules } from '@/lib/testing/routes';
import type { WrappedAction } from './action';

/**
 * Every server action module under app/ is enumerated: each export must be built by the wrapper,
 * a non-member of project B gets "not found" from every project action on B, and a viewer of B is
 * refused every mutation. New action modules are picked up automatically.
 */
describe('server actions: authorization', () => {
  let tdb: TestDb;
  const users: Record<'owner' | 'outsider' | 'viewer', { id: string; name: string; email: string; role: 'admin' | 'user' }> = {} as never;
  const fields: Record<string, string> = {};

  beforeAll(async () => {
    tdb = await createTestDb('pglite');
    useDbHandle(tdb);
    for (const k of ['owner', 'outsider', 'viewer'] as const) {
      const u = await createTestUser(tdb.db);
      users[k] = { id: u.id, name: u.name, email: u.email, role: 'user' };
    }
    const { project } = await createProject(tdb.db, users.owner.id, { name: 'Project B' });
    const { service, process } = await addService(tdb.db, users.owner.id, project.id, { hostname: 'app', type: 'nodejs@18' });
    await tdb.db.insert(projectMembers).values({ projectId: project.id, userId: users.viewer.id, role: 'viewer' });
    Object.assign(fields, {
      projectId: project.id,
      serviceId: service.id,
      processId: process.id,
      userId: users.owner.id,
      command: 'restart',
      key: 'KEY',
      value: 'v',
      confirm: 'Project B',
      containerCount: '2',
      email: users.outsider.email,
      role: 'viewer',
      payload: JSON.stringify({ hostname: 'other', type: 'nodejs@18' }),
    });
  });
  afterAll(async () => {
    setTestSessionUser(undefined);
    await tdb?.dispose();
  });

  const form = () => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };

  it('finds the action modules and every export is a wrapped action', async () => {
    const modules = listActionModules();
    expect(modules.length).toBeGreaterThanOrEqual(4);
    for (const file of modules) {
      for (const [name, fn] of Object.entries(await import(file))) {
        expect({ name, meta: (fn as WrappedAction).meta?.kind }).toEqual({ name, meta: expect.stringMatching(/^(public|user|admin|project)$/) });
      }
    }
  });

  it('project actions: a non-member gets not found, a viewer is refused every change', async () => {
    let checked = 0;
    for (const file of listActionModules()) {
      for (const [name, fn] of Object.entries(await import(file))) {
        const action = fn as WrappedAction;
        if (action.meta.kind !== 'project') continue;
        setTestSessionUser(users.outsider);
        const asOutsider = await action({}, form());
        expect({ name, error: asOutsider.error }).toEqual({ name, error: 'Project not found' });
        if (action.meta.need !== 'read') {
          setTestSessionUser(users.viewer);
          const asViewer = await action({}, form());
          expect({ name, error: asViewer.error }).toEqual({ name, error: 'Viewers cannot change this project' });
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('admin actions refuse a non-admin', async () => {
    setTestSessionUser(users.owner);
    for (const file of listActionModules()) {
      for (const [name, fn] of Object.entries(await import(file))) {
        const action = fn as WrappedAction;
        if (action.meta.kind !== 'admin') continue;
        const res = await action({}, form());
        expect({ name, error: res.error }).toEqual({ name, error: 'Only an admin can do this' });
      }
    }
  });
});
