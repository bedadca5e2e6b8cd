import type { IncomingMessage } from 'node:http';
import net from 'node:net';

/**
 * The client's address for rate limits and logs. X-Forwarded-For is believed only when the
 * connection comes from a proxy listed in BERTH_TRUSTED_PROXIES (addresses or CIDRs, comma
 * separated); otherwise the socket's address counts and whatever the client wrote is dropped.
 */
export function trustedProxies(spec: string | undefined): net.BlockList {
  const list = new net.BlockList();
  for (const raw of (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [address, bits] = raw.split('/');
    const type = net.isIPv6(address ?? '') ? 'ipv6' : 'ipv4';
    if (!net.isIP(address ?? '')) throw new Error(`BERTH_TRUSTED_PROXIES: ${raw} is not an IP address or CIDR`);
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(bits), type);
  }
  return list;
}

const plain = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
const trusts = (list: net.BlockList, address: string) => net.isIP(address) !== 0 && list.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');

/** The socket peer, or (behind trusted proxies) the right-most forwarded address that is not one of them. */
export function clientAddress(peer: string, forwardedFor: string | undefined, trusted: net.BlockList): string {
  const socket = plain(peer);
  if (!trusts(trusted, socket)) return socket;
  const chain = (forwardedFor ?? '').split(',').map((s) => plain(s.trim())).filter((s) => net.isIP(s));
  for (let i = chain.length - 1; i >= 0; i--) if (!trusts(trusted, chain[i]!)) return chain[i]!;
  return chain[0] ?? socket;
}

/** Rewrites the request so that X-Forwarded-For holds exactly the client's address (and X-Real-IP is gone). */
export function setClientAddress(req: IncomingMessage, trusted: net.BlockList): void {
  const forwarded = req.headers['x-forwarded-for'];
  const client = clientAddress(req.socket.remoteAddress ?? '', Array.isArray(forwarded) ? forwarded.join(',') : forwarded, trusted);
  req.headers['x-forwarded-for'] = client || 'local';
  delete req.headers['x-real-ip'];
}
