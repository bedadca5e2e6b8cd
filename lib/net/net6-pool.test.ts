import { describe, expect, it } from 'vitest';
import { loadEnv } from '@/lib/env';
import { firstFreeSubnet6, parseNet6Pool } from './net6-pool';

const ADDRESSES = 'fd42:b1:1::/64';

describe('the project-network pool (BERTH_NET6_POOL)', () => {
  it('refuses what is not a prefix of /32 to /60, naming the variable and the rule', () => {
    expect(() => parseNet6Pool('fd42:zz::/48', ADDRESSES)).toThrow('BERTH_NET6_POOL: "fd42:zz::/48" is not an IPv6 prefix');
    expect(() => parseNet6Pool('10.0.0.0/8', ADDRESSES)).toThrow('BERTH_NET6_POOL: "10.0.0.0/8" is not an IPv6 prefix');
    expect(() => parseNet6Pool('fd42:b1:2::/64', ADDRESSES)).toThrow('BERTH_NET6_POOL: "fd42:b1:2::/64": the prefix length must be from /32 to /60');
    expect(() => parseNet6Pool('fd42:b1:2::1/48', ADDRESSES)).toThrow('host bits set; use fd42:b1:2::/48');
    expect(() => loadEnv({ BERTH_NET6_POOL: 'fd42::/29' })).toThrow(/BERTH_NET6_POOL: .*from \/32 to \/60/);
    expect(() => loadEnv({ BERTH_NET6_POOL: 'nope' })).toThrow(/BERTH_NET6_POOL: "nope" is not an IPv6 prefix/);
    expect(loadEnv({ BERTH_NET6_POOL: 'fd42:b1:2::/48' }).BERTH_NET6_POOL).toBe('fd42:b1:2::/48');
  });

  it('refuses a pool that overlaps the project addresses, either way round', () => {
    expect(() => parseNet6Pool('fd42:b1::/32', ADDRESSES)).toThrow('BERTH_NET6_POOL fd42:b1::/32 overlaps the project addresses\' pool BERTH_IP6_POOL fd42:b1:1::/64; use a separate prefix');
    expect(() => parseNet6Pool('fd42:b1:1::/56', 'fd42:b1:1:5::/80')).toThrow(/overlaps/);
    expect(parseNet6Pool('fd42:b1:2::/48', ADDRESSES).bits).toBe(48);
  });

  it('hands out the lowest free /64 and says when none is left', () => {
    const pool = parseNet6Pool('fd42:b1:2::/60', ADDRESSES);
    expect(firstFreeSubnet6(pool, new Set())).toBe('fd42:b1:2::/64');
    expect(firstFreeSubnet6(pool, new Set(['fd42:b1:2::/64', 'fd42:b1:2:2::/64']))).toBe('fd42:b1:2:1::/64');
    const all = new Set(Array.from({ length: 16 }, (_, i) => `fd42:b1:2:${i.toString(16)}::/64`.replace('fd42:b1:2:0::', 'fd42:b1:2::')));
    expect(firstFreeSubnet6(pool, all)).toBeUndefined();
  });
});
