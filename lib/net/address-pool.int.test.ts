import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '@/lib/db/schema';
import { loadEnv } from '@/lib/env';
import { createTestDb, testDrivers, type TestDb } from '@/lib/testing/db';
import { createTestUser } from '@/lib/testing/engine';
import { allocateAddress, allocateAddress6, allocateNetwork6 } from '@/lib/net/address-pool';
import { createProjectSchema } from '@/lib/validations/projects';
import { createProject } from '@/lib/domain/projects';
import { formatIp6, parseIp6Prefix } from '@/lib/net/ip6';
import { ip6PoolText } from '@/lib/net/ip6-pool';

describe('the IPv6 pool setting', () => {
  it('refuses a pool that is not an IPv6 prefix, naming the variable and the rule', () => {
    expect(() => loadEnv({ BERTH_IP6_POOL: 'fd42:zz::/64' })).toThrow(/BERTH_IP6_POOL: "fd42:zz::\/64" is not an IPv6 prefix/);
    expect(() => loadEnv({ BERTH_IP6_POOL: '10.0.0.0/8' })).toThrow(/BERTH_IP6_POOL: .* is not an IPv6 prefix/);
    expect(() => loadEnv({ BERTH_IP6_POOL: 'fd42:b1:1::7/64' })).toThrow(/BERTH_IP6_POOL: .*host bits set; use fd42:b1:1::\/64/);
    expect(() => loadEnv({ BERTH_IP6_POOL: 'fd42::/32' })).toThrow(/BERTH_IP6_POOL: .*from \/48 to \/126/);
    expect(loadEnv({ BERTH_IP6_POOL: 'fd42:b1:1::/64' }).BERTH_IP6_POOL).toBe('fd42:b1:1::/64');
    expect(loadEnv({}).BERTH_IP4_BY_DEFAULT).toBe(true);
  });
});

describe.each(testDrivers)('project addresses on %s', (driver) => {
  let tdb: TestDb;
  let userId: string;
  beforeAll(async () => {
    tdb = await createTestDb(driver);
    userId = (await createTestUser(tdb.db)).id;
  });
  afterAll(async () => tdb?.dispose());

  it('gives every project a distinct IPv6 address and IPv4 only when asked', async () => {
    const created = await Promise.all([true, false, undefined, false].map((v4, i) => createProject(tdb.db, userId, { name: `addr ${i}`, publicIpV4: v4 })));
    const v6 = created.map((c) => c.project.address6);
    expect(new Set(v6).size).toBe(4);
    for (const a of v6) expect(a).toMatch(/^[0-9a-f:]+$/);
    expect(created.map((c) => c.project.address !== null)).toEqual([true, false, true, false]);
    expect(createProjectSchema.safeParse({ name: 'bad', publicIpV4: 'yes' }).error?.issues[0]).toMatchObject({ path: ['publicIpV4'], message: 'Use true or false' });
  });

  it('says which pool is used up', async () => {
    // A /126 holds two project addresses (::2 and ::3); the rows' unique column keeps them apart.
    const pool6 = 'fd42:b1:1:fe::/126';
    const first = await allocateAddress6(tdb.db, pool6);
    await tdb.db.insert(projects).values({ name: 'x', slug: `v6-full-a-${driver}`, address6: first });
    await tdb.db.insert(projects).values({ name: 'y', slug: `v6-full-b-${driver}`, address6: await allocateAddress6(tdb.db, pool6) });
    await expect(allocateAddress6(tdb.db, pool6)).rejects.toThrow('The IPv6 address pool fd42:b1:1:fe::/126 is used up; set a larger BERTH_IP6_POOL');
    await tdb.db.insert(projects).values({ name: 'z', slug: `v4-full-${driver}`, address: await allocateAddress(tdb.db, '127.161.250.0/30') });
    await expect(allocateAddress(tdb.db, '127.161.250.0/30')).rejects.toThrow(/IPv4 address pool 127.161.250.0\/30 is used up; .*without IPv4/);
  });

  it('gives a project network a /64 of its own only when asked, and says when the network pool is used up or set wrong', async () => {
    const created = await Promise.all([true, false, true].map((networkIpv6, i) => createProject(tdb.db, userId, { name: `net ${i}`, networkIpv6 })));
    const subnets = created.map((c) => c.project.network6);
    expect(subnets[1]).toBeNull();
    expect(subnets[0]).toMatch(/\/64$/);
    expect(subnets[2]).toMatch(/\/64$/);
    expect(subnets[0]).not.toBe(subnets[2]);
    expect(createProjectSchema.safeParse({ name: 'bad', networkIpv6: 'on' }).error?.issues[0]).toMatchObject({ path: ['networkIpv6'], message: 'Use true or false' });
    // A /60 holds sixteen /64s; the rows' unique column keeps them apart.
    const pool = 'fd42:b1:2:f0::/60';
    for (let i = 0; i < 16; i++) await tdb.db.insert(projects).values({ name: `n${i}`, slug: `net6-full-${i}-${driver}`, network6: await allocateNetwork6(tdb.db, pool) });
    await expect(allocateNetwork6(tdb.db, pool)).rejects.toThrow('The project-network pool fd42:b1:2:f0::/60 has no free /64 left; set a larger BERTH_NET6_POOL or create the project without networkIpv6');
    // A /32 around the project addresses' own pool (whatever this run's BERTH_IP6_POOL is) overlaps it.
    const around = parseIp6Prefix(ip6PoolText());
    const wide = `${formatIp6((around.base >> 96n) << 96n)}/32`;
    await expect(allocateNetwork6(tdb.db, wide)).rejects.toThrow(`Project networks cannot get IPv6 here: BERTH_NET6_POOL ${wide} overlaps`);
  });
});
