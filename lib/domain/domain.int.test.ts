import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, envVariables, processes, projects, publicPorts, services, users } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { createTestDb, testDrivers, type TestDb } from '@/lib/testing/db';
import { createTestUser } from '@/lib/testing/engine';
import { poolAddresses } from '@/lib/net/address-pool';
import { listEnv, setEnv, deleteEnv } from './env';
import { addMember, removeMember } from './members';
import { cancelProcess } from './processes';
import { createProject, deleteProject, listProjects } from './projects';
import { addService, scaleService, stopService } from './services';

/** Domain functions without a worker: wanted state, processes, audit rows and refusals on both drivers. */
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'OK',
    (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`),
  );

describe.each(testDrivers)('domain operations (%s)', (driver) => {
  let tdb: TestDb;
  let owner = '';
  let viewer = '';
  let outsider = '';

  beforeAll(async () => {
    tdb = await createTestDb(driver);
    owner = (await createTestUser(tdb.db)).id;
    viewer = (await createTestUser(tdb.db)).id;
    outsider = (await createTestUser(tdb.db)).id;
  });
  afterAll(async () => tdb?.dispose());

  it('allocates distinct lowest addresses to concurrent creates and frees an address with its project', async () => {
    const created = await Promise.all([1, 2, 3, 4].map((i) => createProject(tdb.db, owner, { name: `Same name` + (i % 2 ? '' : ' ') })));
    const addresses = created.map((c) => c.project.address).sort();
    const pool = poolAddresses(env.BERTH_IP_POOL);
    expect(addresses).toEqual(pool.slice(0, 4));
    expect(new Set(created.map((c) => c.project.slug)).size).toBe(4);
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) => createProject(tdb.db, outsider, { name: `Burst ${i}` })));
    expect(many.map((c) => c.project.slug).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `burst-${i}`));
    expect(new Set(many.map((c) => c.project.address)).size).toBe(8);
    for (const c of many) await tdb.db.delete(projects).where(eq(projects.id, c.project.id));
    const freed = created.find((c) => c.project.address === pool[1])!;
    await tdb.db.delete(projects).where(eq(projects.id, freed.project.id));
    const next = await createProject(tdb.db, owner, { name: 'Reuses the freed address' });
    expect(next.project.address).toBe(pool[1]);
    expect((await listProjects(tdb.db, owner)).length).toBe(4);
    expect(await listProjects(tdb.db, outsider)).toEqual([]);
  });

  it('refuses duplicate project variables regardless of case, creating nothing', async () => {
    const before = (await tdb.db.select({ n: count() }).from(projects))[0]!.n;
    const res = await codeOf(createProject(tdb.db, owner, { name: 'dup', env: [{ key: 'Key', value: '1' }, { key: 'KEY', value: '2' }] }));
    expect(res).toBe('VALIDATION');
    expect((await tdb.db.select({ n: count() }).from(projects))[0]!.n).toBe(before);
  });

  it('env: set is case-insensitive per scope, masks secrets, says a restart is needed, refuses bad values', async () => {
    const { project } = await createProject(tdb.db, owner, { name: 'env project' });
    const { service } = await addService(tdb.db, owner, project.id, { hostname: 'api', type: 'nodejs@18' });
    expect(await setEnv(tdb.db, owner, project.id, service.id, { key: 'Token', value: 'a', secret: true })).toMatchObject({ restartRequired: true });
    await setEnv(tdb.db, owner, project.id, service.id, { key: 'TOKEN', value: 'b', secret: true });
    const listed = (await listEnv(tdb.db, owner, project.id, service.id)).filter((v) => v.key.toLowerCase() === 'token');
    expect(listed).toEqual([expect.objectContaining({ key: 'TOKEN', value: '••••••••', secret: true })]);
    const revealed = await listEnv(tdb.db, owner, project.id, service.id, { reveal: true });
    expect(revealed.find((v) => v.key === 'TOKEN')?.value).toBe('b');

    const rows = async () => (await tdb.db.select({ n: count() }).from(envVariables).where(eq(envVariables.projectId, project.id)))[0]!.n;
    const before = await rows();
    for (const bad of [
      { key: '9x', value: 'v' },
      { key: 'A-B', value: 'v' },
      { key: 'OK', value: 'two\nlines' },
      { key: 'OK', value: 'ünïcode' },
      { key: 'OK', value: 'v'.repeat(32 * 1024 + 1) },
    ]) {
      expect(await codeOf(setEnv(tdb.db, owner, project.id, service.id, bad))).toBe('VALIDATION');
    }
    expect(await rows()).toBe(before);
    expect(await deleteEnv(tdb.db, owner, project.id, service.id, 'token')).toMatchObject({ restartRequired: true, process: { action: 'stack.updateEnv' } });
    expect(await codeOf(deleteEnv(tdb.db, owner, project.id, service.id, 'TOKEN'))).toBe('NOT_FOUND');
  });

  it('generated variables: values editable except read-only ones, never deletable, name and secrecy kept', async () => {
    const { project } = await createProject(tdb.db, owner, { name: 'generated vars' });
    const { service } = await addService(tdb.db, owner, project.id, { hostname: 'db', type: 'postgresql@15' });
    expect(await codeOf(setEnv(tdb.db, owner, project.id, service.id, { key: 'hostname', value: 'other' }))).toBe('VALIDATION');
    expect(await codeOf(deleteEnv(tdb.db, owner, project.id, service.id, 'password'))).toBe('VALIDATION');
    await setEnv(tdb.db, owner, project.id, service.id, { key: 'PASSWORD', value: 'changed', secret: false });
    const vars = await listEnv(tdb.db, owner, project.id, service.id, { reveal: true });
    expect(vars.filter((v) => v.key.toLowerCase() === 'password')).toEqual([expect.objectContaining({ key: 'password', value: 'changed', secret: true, kind: 'generated' })]);
    expect(vars.find((v) => v.key === 'hostname')?.value).toBe('db');
  });

  it('members: owner adds a viewer, the viewer cannot change anything, the owner cannot be removed', async () => {
    const { project } = await createProject(tdb.db, owner, { name: 'team project' });
    const { service, process } = await addService(tdb.db, owner, project.id, { hostname: 'web', type: 'nodejs@18' });
    const [v] = await tdb.db.select().from(users).where(eq(users.id, viewer));
    await addMember(tdb.db, owner, project.id, { email: v!.email, role: 'viewer' });
    expect(await codeOf(addMember(tdb.db, owner, project.id, { email: v!.email, role: 'member' }))).toBe('CONFLICT');
    expect(await codeOf(stopService(tdb.db, viewer, project.id, service.id))).toBe('FORBIDDEN');
    expect(await codeOf(setEnv(tdb.db, viewer, project.id, null, { key: 'A', value: '1' }))).toBe('FORBIDDEN');
    expect(await codeOf(addMember(tdb.db, viewer, project.id, { email: v!.email, role: 'member' }))).toBe('FORBIDDEN');
    expect(await codeOf(cancelProcess(tdb.db, viewer, project.id, process.id))).toBe('FORBIDDEN');
    expect(await codeOf(stopService(tdb.db, outsider, project.id, service.id))).toBe('NOT_FOUND');
    expect(await codeOf(removeMember(tdb.db, owner, project.id, owner))).toBe('BAD_REQUEST');
    await removeMember(tdb.db, owner, project.id, viewer);
    expect(await codeOf(stopService(tdb.db, viewer, project.id, service.id))).toBe('NOT_FOUND');
  });

  it('scale refuses counts outside the type range; cancel of a pending process; every change leaves an audit row', async () => {
    const { project } = await createProject(tdb.db, owner, { name: 'scale project' });
    const { service, process } = await addService(tdb.db, owner, project.id, { hostname: 'app', type: 'nodejs@18' });
    const { service: pg } = await addService(tdb.db, owner, project.id, { hostname: 'db', type: 'postgresql@15' });
    for (const n of [0, 11]) expect(await codeOf(scaleService(tdb.db, owner, project.id, service.id, { containerCount: n }))).toBe('VALIDATION');
    expect(await codeOf(scaleService(tdb.db, owner, project.id, pg.id, { containerCount: 3 }))).toBe('VALIDATION');
    await scaleService(tdb.db, owner, project.id, service.id, { containerCount: 3 });
    const [row] = await tdb.db.select().from(services).where(eq(services.id, service.id));
    expect(row!.containerCount).toBe(3);

    expect((await cancelProcess(tdb.db, owner, project.id, process.id)).status).toBe('CANCELED');
    expect(await codeOf(cancelProcess(tdb.db, owner, project.id, process.id))).toBe('CONFLICT');

    const actions = (await tdb.db.select().from(auditLog).where(eq(auditLog.projectId, project.id))).map((a) => a.action).sort();
    expect(actions).toEqual(['process.cancel', 'project.create', 'stack.create', 'stack.create', 'stack.scale']);
  });

  it('a service with public ports and a route firewall is one operation: one process, all or nothing', async () => {
    const { project } = await createProject(tdb.db, owner, { name: 'access project' });
    const firewall = { policy: 'allow' as const, ranges: ['10.0.0.0/8'] };
    const { service: db } = await addService(tdb.db, owner, project.id, { hostname: 'db', type: 'postgresql@15' }, {
      publicPorts: [{ publicPort: 15432, internalPort: 5432, protocol: 'tcp', firewall }],
    });
    const { service: app } = await addService(tdb.db, owner, project.id, { hostname: 'app', type: 'nodejs@18' }, {
      publicPorts: [{ publicPort: 19000, internalPort: 9000 }],
      routeFirewall: firewall,
    });
    const ports = await tdb.db.select().from(publicPorts).where(eq(publicPorts.projectId, project.id));
    expect(ports.map((p) => [p.serviceId, p.publicPort, p.internalPort, p.firewallPolicy]).sort()).toEqual(
      [[db.id, 15432, 5432, 'allow'], [app.id, 19000, 9000, 'none']].sort(),
    );
    expect(app.settings).toMatchObject({ httpFirewall: firewall });
    const work = await tdb.db.select().from(processes).where(eq(processes.projectId, project.id));
    expect(work.filter((p) => p.action !== 'project.create').map((p) => p.action)).toEqual(['stack.create', 'stack.create']);

    // A taken port, a port PostgreSQL does not listen on, a bad firewall: refused by field, nothing written.
    const countRows = async () => [(await tdb.db.select({ n: count() }).from(services))[0]!.n, (await tdb.db.select({ n: count() }).from(publicPorts))[0]!.n];
    const before = await countRows();
    const refusal = async (opts: Parameters<typeof addService>[4]) => {
      const err = await addService(tdb.db, owner, project.id, { hostname: 'db2', type: 'postgresql@15' }, opts).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      return (err as AppError).fieldErrors;
    };
    expect(Object.keys((await refusal({ publicPorts: [{ publicPort: 16000, internalPort: 5432 }, { publicPort: 15432, internalPort: 5432 }] })) ?? {})).toEqual(['publicPorts.1.publicPort']);
    expect(Object.keys((await refusal({ publicPorts: [{ publicPort: 16001, internalPort: 6379 }] })) ?? {})).toEqual(['publicPorts.0.internalPort']);
    expect(Object.keys((await refusal({ publicPorts: [{ publicPort: 80, internalPort: 5432 }] })) ?? {})).toEqual(['publicPorts.0.publicPort']);
    await refusal({ routeFirewall: { policy: 'deny', ranges: ['not-an-address'] } });
    expect(await countRows()).toEqual(before);
  });

  it('a project being deleted refuses new wanted state with CONFLICT, adding nothing', async () => {
    const { project } = await createProject(tdb.db, owner, { name: 'going away' });
    const { service } = await addService(tdb.db, owner, project.id, { hostname: 'app', type: 'nodejs@18' });
    const { process: deleting } = await deleteProject(tdb.db, owner, project.id);
    expect(await codeOf(deleteProject(tdb.db, owner, project.id))).toBe('CONFLICT');
    expect(await codeOf(cancelProcess(tdb.db, owner, project.id, deleting.id))).toBe('CONFLICT');
    expect(await codeOf(addService(tdb.db, owner, project.id, { hostname: 'late', type: 'nodejs@18' }))).toBe('CONFLICT');
    expect(await codeOf(stopService(tdb.db, owner, project.id, service.id))).toBe('CONFLICT');
    expect(await codeOf(setEnv(tdb.db, owner, project.id, null, { key: 'A', value: '1' }))).toBe('CONFLICT');
    expect((await tdb.db.select({ n: count() }).from(services).where(eq(services.projectId, project.id)))[0]!.n).toBe(1);
  });
});
