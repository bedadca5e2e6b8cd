import fs from 'node:fs';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { httpDomains, projects, services } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { L, managedLabels, specHash } from '@/lib/provisioner/labels';
import type { Engine } from '@/lib/provisioner/engine';
import type { ContainerSpec } from '@/lib/provisioner/spec';
import { coreImage } from './image';
import { pushNginxConfig } from './push-config';
import { renderEdge, subdomainHost } from './render';

/** A kernel without IPv6 (or with it disabled) has no /proc/net/if_inet6: the edge then listens on IPv4 only. */
const hostHasIpv6 = () => fs.existsSync('/proc/net/if_inet6');

export const edgeName = () => `berth-edge-${env.BERTH_HTTP_PORT}`;

/** The edge forwards to the project's IPv4 address, or to its IPv6 one when it has none. */
const edgeTarget = sql<string>`coalesce(${projects.address}, ${projects.address6})`;

/** host name → project address: subdomains and published custom domains of projects not being deleted. */
export async function edgeHosts(db: Db): Promise<Record<string, string>> {
  const rows = await db
    .select({ hostname: services.hostname, slug: projects.slug, address: edgeTarget, ports: services.ports })
    .from(services)
    .innerJoin(projects, eq(projects.id, services.projectId))
    .where(and(eq(services.subdomainAccess, true), sql`${edgeTarget} is not null`, ne(projects.status, 'DELETING')));
  const hosts: Record<string, string> = {};
  for (const r of rows) if (r.ports.some((p) => p.httpSupport)) hosts[subdomainHost(r.hostname, r.slug, env.BERTH_DOMAIN)] = r.address;
  const domains = await db
    .select({ domain: httpDomains.domain, address: edgeTarget })
    .from(httpDomains)
    .innerJoin(projects, eq(projects.id, httpDomains.projectId))
    .where(and(eq(httpDomains.isSynced, true), sql`${edgeTarget} is not null`, ne(projects.status, 'DELETING')));
  // A subdomain is never taken over by a custom domain of the same name (addDomain refuses those too).
  for (const d of domains) hosts[d.domain] ??= d.address;
  return hosts;
}

/**
 * The host-wide edge: one nginx on BERTH_HTTP_PORT forwarding by Host header to the owning
 * project's balancer. It holds only the name → address map, so no project's routing can break it.
 */
export function ensureEdge(db: Db, engine: Engine): Promise<void> {
  // One update at a time: each renders the whole map from the database, so the last one wins with everything.
  const run = edgeQueue.then(() => updateEdge(db, engine));
  edgeQueue = run.catch(() => {});
  return run;
}
let edgeQueue: Promise<void> = Promise.resolve();

async function updateEdge(db: Db, engine: Engine): Promise<void> {
  const spec: ContainerSpec = {
    name: edgeName(),
    ...coreImage(env.BERTH_IMAGE_SOURCE),
    env: {},
    labels: managedLabels({ [L.kind]: 'edge' }),
    mounts: [],
    network: { mode: 'host' },
    limits: { nanoCpus: 0, memoryBytes: 0 },
    restart: 'unless-stopped',
    stopSignal: 'SIGQUIT',
    running: true,
  };
  const hash = specHash(spec);
  const current = await engine.inspectContainer(spec.name);
  if (current && (current.labels[L.specHash] !== hash || current.state !== 'running')) {
    if (current.labels[L.specHash] !== hash) await engine.removeContainer(current.id);
    else await engine.startContainer(current.id);
  }
  if (!current || current.labels[L.specHash] !== hash) await engine.createContainer(spec, { ...spec.labels, [L.specHash]: hash });
  const config = renderEdge({
    listen: '0.0.0.0',
    ...(hostHasIpv6() ? { listen6: '::' } : {}),
    httpPort: env.BERTH_HTTP_PORT,
    httpsPort: env.BERTH_HTTPS_PORT,
    hosts: await edgeHosts(db),
    projectHttpPort: env.BERTH_CORE_HTTP_PORT,
    projectHttpsPort: env.BERTH_CORE_HTTPS_PORT,
  });
  await pushNginxConfig(engine, { name: spec.name, id: (await engine.inspectContainer(spec.name))?.id }, config);
}
