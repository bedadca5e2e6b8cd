import dns from 'node:dns/promises';
import net from 'node:net';
import os from 'node:os';
import { env } from '@/lib/env';
import { invalid } from '@/lib/errors';

/**
 * Where a project's logs may be forwarded. The name is resolved once, when the target is set
 * (the collector sends to that address, no lookup per line), and an address on this machine is
 * refused unless an admin allows it: loopback, link-local (cloud metadata lives at 169.254.169.254),
 * unspecified, the host's own interfaces, and Berth's project address pool.
 */
const blocked = new net.BlockList();
blocked.addSubnet('127.0.0.0', 8, 'ipv4');
blocked.addSubnet('169.254.0.0', 16, 'ipv4');
blocked.addSubnet('0.0.0.0', 8, 'ipv4');
blocked.addAddress('::1', 'ipv6');
blocked.addAddress('::', 'ipv6');
blocked.addSubnet('fe80::', 10, 'ipv6');

function inPool(address: string): boolean {
  const [base, bits] = env.BERTH_IP_POOL.split('/');
  if (!net.isIPv4(address) || !base || !net.isIPv4(base)) return false;
  const pool = new net.BlockList();
  pool.addSubnet(base, Number(bits ?? 32), 'ipv4');
  return pool.check(address, 'ipv4');
}

/** Why `address` is local to this machine, or undefined. */
export function localAddressReason(address: string): string | undefined {
  const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
  if (blocked.check(address, family)) return `${address} is a loopback, link-local or unspecified address`;
  const own = Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
  if (own.includes(address)) return `${address} is an address of this server`;
  if (inPool(address)) return `${address} is in Berth's project address pool`;
  return undefined;
}

export type Lookup = (host: string) => Promise<string[]>;
const systemLookup: Lookup = async (host) => (await dns.lookup(host, { all: true, family: 4 })).map((a) => a.address);

/** The IPv4 address to send to; a validation error on `host` when it does not resolve or is local (without `allowLocal`). */
export async function resolveForwardTarget(host: string, opts: { allowLocal: boolean; lookup?: Lookup }): Promise<string> {
  const addresses = await (opts.lookup ?? systemLookup)(host).catch(() => [] as string[]);
  if (!addresses.length) throw invalid('host', `${host} does not resolve to an IPv4 address`);
  if (!opts.allowLocal) {
    for (const a of addresses) {
      const reason = localAddressReason(a);
      if (reason) throw invalid('host', `${reason}; only an admin can allow forwarding to it`);
    }
  }
  return addresses[0]!;
}
