import { describe, expect, it } from 'vitest';
import { poolAddresses } from '@/lib/net/address-pool';

describe('poolAddresses', () => {
  it('skips network, .1 and broadcast', () => {
    const list = poolAddresses('127.0.100.0/24');
    expect(list[0]).toBe('127.0.100.2');
    expect(list.at(-1)).toBe('127.0.100.254');
    expect(list).toHaveLength(253);
  });
  it('refuses what is not a CIDR', () => {
    expect(() => poolAddresses('10.0.0.1')).toThrow(/CIDR/);
  });
});
