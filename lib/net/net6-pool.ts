import { env, NET6_POOL_BITS } from '@/lib/env';
import { formatIp6, parseIp6Prefix, type Ip6Prefix } from './ip6';
import { generatedUlaPrefix, ip6PoolText } from './ip6-pool';

/** Every project network with IPv6 gets one /64 (the size SLAAC and Docker's IPAM expect). */
export const NETWORK6_BITS = 64;

let generated: string | undefined;
/** BERTH_NET6_POOL, or this installation's generated unique-local /48 for project networks. */
export function net6PoolText(): string {
  return env.BERTH_NET6_POOL || (generated ??= generatedUlaPrefix('net6-pool.id', 48));
}

const overlaps = (a: Ip6Prefix, b: Ip6Prefix): boolean => {
  const bits = BigInt(128 - Math.min(a.bits, b.bits));
  return a.base >> bits === b.base >> bits;
};

/**
 * The pool of project-network subnets, checked: a prefix of the allowed length that does not
 * overlap the project addresses' pool (those sit on the host interface; a bridge route over them
 * would take their traffic).
 */
export function parseNet6Pool(text = net6PoolText(), addressPool = ip6PoolText()): Ip6Prefix {
  let pool: Ip6Prefix;
  try {
    pool = parseIp6Prefix(text, NET6_POOL_BITS);
  } catch (err) {
    throw new Error(`BERTH_NET6_POOL: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (overlaps(pool, parseIp6Prefix(addressPool))) {
    throw new Error(`BERTH_NET6_POOL ${text} overlaps the project addresses' pool BERTH_IP6_POOL ${addressPool}; use a separate prefix`);
  }
  return pool;
}

/** The lowest /64 of the pool that no project network holds (`used`: canonical `addr/64` texts). Undefined: used up. */
export function firstFreeSubnet6(pool: Ip6Prefix, used: ReadonlySet<string>): string | undefined {
  const count = 1n << BigInt(NETWORK6_BITS - pool.bits);
  const step = 1n << BigInt(128 - NETWORK6_BITS);
  for (let i = 0n; i < count; i++) {
    const candidate = `${formatIp6(pool.base + i * step)}/${NETWORK6_BITS}`;
    if (!used.has(candidate)) return candidate;
  }
  return undefined;
}
