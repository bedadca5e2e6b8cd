import { execFile } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { promisify } from 'node:util';
import { env } from '@/lib/env';
import { canonicalIp6 } from './ip6';

const run = promisify(execFile);
const canonical = (a: string) => (net.isIPv6(a) ? canonicalIp6(a) : a);

/** Addresses the host answers on without being told: the whole 127/8 on the loopback interface. */
const implicit = (address: string, iface: string) => iface === 'lo' && net.isIPv4(address) && address.startsWith('127.');

/** Addresses configured on the interface now (canonical form). */
function present(iface: string): Set<string> {
  return new Set((os.networkInterfaces()[iface] ?? []).map((i) => canonical(i.address)));
}

async function ip(args: string[], tolerate: RegExp): Promise<void> {
  try {
    await run('ip', args, { timeout: 10_000 });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim() ?? '';
    if (tolerate.test(stderr)) return;
    throw new Error(`ip ${args.join(' ')} failed: ${stderr || (err instanceof Error ? err.message : String(err))}`);
  }
}

const prefixArg = (address: string) => (net.isIPv6(address) ? `${address}/128` : `${address}/32`);

/**
 * Adds the addresses missing from the interface (BERTH_IP_INTERFACE), so the project core can
 * listen on them. IPv6 ones skip duplicate address detection (they are ours by allocation).
 */
export async function ensureInterfaceAddresses(addresses: string[], iface = env.BERTH_IP_INTERFACE): Promise<string[]> {
  const have = present(iface);
  const missing = addresses.filter((a) => !implicit(a, iface) && !have.has(canonical(a)));
  for (const a of missing) {
    await ip(['addr', 'add', prefixArg(a), 'dev', iface, ...(net.isIPv6(a) ? ['nodad'] : [])], /File exists/);
  }
  return missing;
}

/** Removes the addresses from the interface; ones already gone are fine. */
export async function removeInterfaceAddresses(addresses: string[], iface = env.BERTH_IP_INTERFACE): Promise<void> {
  const have = present(iface);
  for (const a of addresses) {
    if (implicit(a, iface) || !have.has(canonical(a))) continue;
    await ip(['addr', 'del', prefixArg(a), 'dev', iface], /Cannot assign requested address|not found/i);
  }
}

/** Whether the interface carries the address now (or answers on it implicitly). */
export function interfaceHasAddress(address: string, iface = env.BERTH_IP_INTERFACE): boolean {
  return implicit(address, iface) || present(iface).has(canonical(address));
}
