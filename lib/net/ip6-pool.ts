import { persistentSecret } from '@/lib/crypto/keys';
import { env } from '@/lib/env';
import { formatIp6, prefixSize, type Ip6Prefix } from './ip6';

/**
 * This installation's own unique-local prefix of `bits` (RFC 4193: fd + a random 40-bit global id,
 * subnet 0), its id generated once into the data directory as `file`, so the prefix never changes.
 */
export function generatedUlaPrefix(file: string, bits: number): string {
  const hex = persistentSecret(file, undefined, 5).toString('hex');
  return `fd${hex.slice(0, 2)}:${hex.slice(2, 6)}:${hex.slice(6, 10)}::/${bits}`;
}

let generated: string | undefined;
/** BERTH_IP6_POOL, or this installation's generated unique-local /64. */
export function ip6PoolText(): string {
  return env.BERTH_IP6_POOL || (generated ??= generatedUlaPrefix('ip6-pool.id', 64));
}

/**
 * The lowest address of the pool not in `used`, skipping the prefix's own (subnet-router anycast)
 * address and the first host (::1, kept for the host like a.b.c.1 of the IPv4 pool). Undefined: used up.
 */
export function firstFreeIp6(pool: Ip6Prefix, used: ReadonlySet<string>): string | undefined {
  const size = prefixSize(pool);
  for (let i = 2n; i < size; i++) {
    const candidate = formatIp6(pool.base + i);
    if (!used.has(candidate)) return candidate;
  }
  return undefined;
}
