import type Docker from 'dockerode';
import type { NetworkDetails } from '../engine';

const statusOf = (err: unknown) => (typeof err === 'object' && err !== null && 'statusCode' in err ? Number(err.statusCode) : undefined);

/** A network's families, subnets and attached containers; undefined when Docker has no such network. */
export async function inspectNetwork(
  client: Docker,
  idOrName: string,
  within: <T>(what: string, fn: () => Promise<T>) => Promise<T>,
): Promise<NetworkDetails | undefined> {
  try {
    const n = (await within(`inspect network ${idOrName}`, () => client.getNetwork(idOrName).inspect())) as Docker.NetworkInspectInfo;
    const containers: NetworkDetails['containers'] = {};
    for (const c of Object.values(n.Containers ?? {})) {
      containers[c.Name] = {
        ...(c.IPv4Address ? { ipv4: c.IPv4Address.split('/')[0] } : {}),
        ...(c.IPv6Address ? { ipv6: c.IPv6Address.split('/')[0] } : {}),
      };
    }
    return {
      id: n.Id,
      name: n.Name,
      enableIpv6: Boolean(n.EnableIPv6),
      subnets: (n.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => Boolean(s)),
      containers,
    };
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}
