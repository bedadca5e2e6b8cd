import { isNotNull } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { projects } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { IP6_POOL_BITS } from '@/lib/env';
import { parseIp6Prefix } from '@/lib/net/ip6';
import { firstFreeIp6, ip6PoolText } from '@/lib/net/ip6-pool';
import { firstFreeSubnet6, net6PoolText, parseNet6Pool } from '@/lib/net/net6-pool';

function toInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}
function toIp(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** Host addresses of an IPv4 CIDR, skipping network, broadcast and the first host (.1). */
export function poolAddresses(cidr: string): string[] {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m || Number(m[2]) < 16 || Number(m[2]) > 30) throw new Error(`BERTH_IP_POOL must be an IPv4 CIDR from /16 to /30, got "${cidr}"`);
  const size = 2 ** (32 - Number(m[2]));
  const base = toInt(m[1]!) & ~(size - 1);
  return Array.from({ length: size - 3 }, (_, i) => toIp(base + 2 + i));
}

/** The lowest free IPv4 address; the unique column makes a concurrent double allocation fail loudly. */
export async function allocateAddress(db: Db, cidr: string): Promise<string> {
  const used = new Set((await db.select({ a: projects.address }).from(projects).where(isNotNull(projects.address))).map((r) => r.a));
  const free = poolAddresses(cidr).find((a) => !used.has(a));
  if (!free) throw new AppError('CONFLICT', `The IPv4 address pool ${cidr} is used up; set a larger BERTH_IP_POOL or create the project without IPv4`);
  return free;
}

/** The lowest free IPv6 address of BERTH_IP6_POOL (the unique column guards concurrent allocations). */
export async function allocateAddress6(db: Db, poolText = ip6PoolText()): Promise<string> {
  const used = new Set((await db.select({ a: projects.address6 }).from(projects).where(isNotNull(projects.address6))).map((r) => r.a!));
  const free = firstFreeIp6(parseIp6Prefix(poolText, IP6_POOL_BITS), used);
  if (!free) throw new AppError('CONFLICT', `The IPv6 address pool ${poolText} is used up; set a larger BERTH_IP6_POOL`);
  return free;
}

/** The lowest free /64 of BERTH_NET6_POOL for a project network (the unique column guards concurrent allocations). */
export async function allocateNetwork6(db: Db, poolText = net6PoolText()): Promise<string> {
  let pool;
  try {
    pool = parseNet6Pool(poolText);
  } catch (err) {
    // A server setting, not the caller's input: say what to fix on the server.
    throw new AppError('UNAVAILABLE', `Project networks cannot get IPv6 here: ${err instanceof Error ? err.message : String(err)}`);
  }
  const used = new Set((await db.select({ n: projects.network6 }).from(projects).where(isNotNull(projects.network6))).map((r) => r.n!));
  const free = firstFreeSubnet6(pool, used);
  if (!free) throw new AppError('CONFLICT', `The project-network pool ${poolText} has no free /64 left; set a larger BERTH_NET6_POOL or create the project without networkIpv6`);
  return free;
}
