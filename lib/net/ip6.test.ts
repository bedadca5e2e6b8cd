import { describe, expect, it } from 'vitest';
import { canonicalIp6, formatIp6, parseIp6, parseIp6Prefix, prefixSize } from './ip6';

describe('IPv6 arithmetic', () => {
  it('parses and formats canonically', () => {
    expect(formatIp6(parseIp6('FD42:00b1:0001:0:0:0:0:2'))).toBe('fd42:b1:1::2');
    expect(canonicalIp6('::1')).toBe('::1');
    expect(canonicalIp6('::')).toBe('::');
    expect(canonicalIp6('1:0:0:2:0:0:0:3')).toBe('1:0:0:2::3');
    expect(canonicalIp6('1:0:2:3:4:5:6:7')).toBe('1:0:2:3:4:5:6:7');
    expect(canonicalIp6('fd00::')).toBe('fd00::');
    expect(() => parseIp6('10.0.0.1')).toThrow('not an IPv6 address');
    expect(() => parseIp6('fd00::g')).toThrow('not an IPv6 address');
  });

  it('parses prefixes and refuses host bits and bad lengths', () => {
    const p = parseIp6Prefix('fd42:b1:1::/64');
    expect(formatIp6(p.base)).toBe('fd42:b1:1::');
    expect(prefixSize(p)).toBe(1n << 64n);
    expect(() => parseIp6Prefix('fd42:b1:1::5/64')).toThrow('host bits set; use fd42:b1:1::/64');
    expect(() => parseIp6Prefix('fd42::/40', { min: 48, max: 126 })).toThrow('from /48 to /126');
    expect(() => parseIp6Prefix('10.0.0.0/8')).toThrow('not an IPv6 prefix');
    expect(() => parseIp6Prefix('fd42::')).toThrow('not an IPv6 prefix');
  });
});
