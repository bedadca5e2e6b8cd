import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { localAddressReason, resolveForwardTarget } from './forward-target';

describe('log forwarding targets', () => {
  it('names loopback, link-local, unspecified and the host\'s own addresses as local', () => {
    expect(localAddressReason('127.0.0.53')).toMatch(/loopback/);
    expect(localAddressReason('169.254.169.254')).toMatch(/link-local/);
    expect(localAddressReason('0.0.0.0')).toMatch(/unspecified/);
    const own = Object.values(os.networkInterfaces()).flatMap((l) => l ?? []).find((i) => i.family === 'IPv4' && !i.internal)?.address;
    if (own) expect(localAddressReason(own)).toMatch(/address of this server/);
    expect(localAddressReason('198.51.100.7')).toBeUndefined();
  });

  it('refuses a name that resolves to a local address unless allowed, and one that does not resolve', async () => {
    const lookup = async (h: string) => (h === 'sneaky.example' ? ['198.51.100.7', '127.0.0.1'] : []);
    await expect(resolveForwardTarget('sneaky.example', { allowLocal: false, lookup })).rejects.toThrow(/host: 127.0.0.1 is a loopback/);
    expect(await resolveForwardTarget('sneaky.example', { allowLocal: true, lookup })).toBe('198.51.100.7');
    await expect(resolveForwardTarget('nowhere.example', { allowLocal: true, lookup })).rejects.toThrow(/does not resolve/);
  });
});
