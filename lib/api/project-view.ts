import type { Project } from '@/lib/db/schema';

/**
 * A project as the API shows it: the row plus its public addresses under Zerops' names, and
 * whether its private network has IPv6 (with the network's /64).
 */
export function projectView(project: Project) {
  return { ...project, publicIpV6: project.address6, publicIpV4: project.address, networkIpv6: project.network6 !== null, networkIpv6Subnet: project.network6 };
}
