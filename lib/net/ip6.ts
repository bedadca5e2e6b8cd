import net from 'node:net';

/**
 * Pure IPv6 arithmetic: addresses as 128-bit integers, prefixes, the canonical text form
 * (RFC 5952: lower case, longest run of zero groups as `::`).
 */
const ALL = (1n << 128n) - 1n;

export function parseIp6(text: string): bigint {
  const s = text.trim().toLowerCase();
  if (net.isIPv6(s) === false || s.includes('.') || s.includes('%')) throw new Error(`"${text}" is not an IPv6 address`);
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

export function formatIp6(n: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - i * 16)) & 0xffffn));
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export interface Ip6Prefix {
  base: bigint;
  bits: number;
}

/** Parses `addr/bits`; throws with the reason when it is not a prefix (host bits set, bad length). */
export function parseIp6Prefix(text: string, range: { min: number; max: number } = { min: 0, max: 128 }): Ip6Prefix {
  const m = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(text.trim());
  if (!m || !net.isIPv6(m[1]!)) throw new Error(`"${text}" is not an IPv6 prefix such as fd12:3456:789a::/64`);
  const bits = Number(m[2]);
  if (bits < range.min || bits > range.max) throw new Error(`"${text}": the prefix length must be from /${range.min} to /${range.max}`);
  const base = parseIp6(m[1]!);
  const hostMask = ALL >> BigInt(bits);
  if (base & hostMask) throw new Error(`"${text}" has host bits set; use ${formatIp6(base & ~hostMask & ALL)}/${bits}`);
  return { base, bits };
}

export const prefixSize = (p: Ip6Prefix): bigint => 1n << BigInt(128 - p.bits);

/** The canonical text form of an IPv6 address (throws on anything else). */
export const canonicalIp6 = (text: string): string => formatIp6(parseIp6(text));
