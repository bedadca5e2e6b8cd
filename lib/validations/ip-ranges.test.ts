import { describe, expect, it } from 'vitest';
import { firewallSchema, isIpOrCidr, isIpv6, isIpv6OrCidr } from './core';

describe('firewall addresses', () => {
  it('recognises IPv6 addresses and CIDRs', () => {
    for (const ok of ['fd42:b1:1::10', 'fd42:b1:1::/64', '::1', '::', '1:2:3:4:5:6:7:8', 'FD00::/8', '2001:db8::/32']) expect(isIpv6OrCidr(ok), ok).toBe(true);
    for (const bad of ['fd42:b1:1::/129', 'fd42:::1', '1::2::3', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', 'fd42::g', '12345::', '10.0.0.0/8', 'fd42::/']) expect(isIpv6OrCidr(bad), bad).toBe(false);
    expect(isIpv6('1:2:3:4:5:6:7::')).toBe(true);
  });

  it('takes either family and names the rule for anything else', () => {
    expect(isIpOrCidr('10.0.0.0/8')).toBe(true);
    expect(isIpOrCidr('fd00::/8')).toBe(true);
    const r = firewallSchema.safeParse({ policy: 'allow', ranges: ['fd42:b1:1::/64', 'fd42:::1/64'] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['ranges', 1], message: 'Use an IPv4 or IPv6 address or CIDR, such as 10.0.0.0/8 or fd00::/8' });
  });
});
