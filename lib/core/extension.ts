import { eq, sql } from 'drizzle-orm';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import { httpDomains, projects, publicPorts, services, type Project } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { registerProjectExtension, type ExtensionContext } from '@/lib/provisioner/extensions';
import { L, baseLabels, containerName, networkName, specHash } from '@/lib/provisioner/labels';
import type { ContainerSpec, WantedContainer } from '@/lib/provisioner/spec';
import { CORE_IMAGE, ensureEdge } from './edge';
import { ensureCa, issueCertificate, type Pem } from './ca';
import { pushFile, pushNginxConfig, reloadNginx } from './push-config';
import { renderBalancer, subdomainHost, type Firewall, type HttpRoute, type StreamRoute } from './render';

const log = logger('core');

/** Which balancers a project should run: LIGHT one; SERIOUS two; during the upgrade all three. */
export function balancerNames(project: Pick<Project, 'corePackage' | 'settings'>): string[] {
  if (project.corePackage === 'LIGHT') return ['core-balancer-0'];
  if (project.settings.coreUpgrade === 'starting') return ['core-balancer-0', 'core-balancer-1', 'core-balancer-2'];
  return ['core-balancer-1', 'core-balancer-2'];
}

function balancerSpec(project: Project, local: string): WantedContainer {
  const spec: ContainerSpec = {
    name: containerName(project.id, local),
    image: CORE_IMAGE,
    env: {},
    labels: baseLabels(project.id, { [L.kind]: 'core', [L.role]: 'balancer', [L.container]: local }),
    mounts: [],
    network: { mode: 'host' },
    limits: { nanoCpus: 0, memoryBytes: 256 * 1024 * 1024 },
    restart: 'unless-stopped',
    stopSignal: 'SIGQUIT',
    running: true,
  };
  return { spec, hash: specHash(spec) };
}

/** Running containers' addresses on the project network, for one service. */
async function serviceIps(ctx: ExtensionContext, serviceId: string): Promise<string[]> {
  const list = await ctx.runtime.listContainers({ [L.project]: ctx.project.id, [L.service]: serviceId });
  const ips: string[] = [];
  for (const c of list) {
    const d = await ctx.runtime.inspectContainer(c.id);
    const ip = d?.state === 'running' ? d.ips[networkName(ctx.project.id)] : undefined;
    if (ip) ips.push(ip);
  }
  return ips;
}

/**
 * HTTP routes (subdomains and published custom domains) and public TCP/UDP ports of the project.
 * `includeDrafts` renders the staged domain changes instead (the publish step).
 */
async function routes(ctx: ExtensionContext, includeDrafts = false): Promise<{ http: HttpRoute[]; streams: StreamRoute[] }> {
  const { db, project } = ctx;
  const list = await db.select().from(services).where(eq(services.projectId, project.id));
  const http: HttpRoute[] = [];
  for (const s of list.filter((x) => x.subdomainAccess)) {
    const port = s.ports.find((p) => p.httpSupport);
    if (!port) continue;
    const ips = await serviceIps(ctx, s.id);
    const firewall = s.settings.httpFirewall as Firewall | undefined;
    http.push({ host: subdomainHost(s.hostname, project.slug, env.BERTH_DOMAIN), upstreams: ips.map((ip) => `${ip}:${port.port}`), firewall });
  }
  for (const d of await db.select().from(httpDomains).where(eq(httpDomains.projectId, project.id))) {
    const live = includeDrafts ? !d.deleteOnSync : d.isSynced;
    if (!live) continue;
    const ips = await serviceIps(ctx, d.serviceId);
    const service = list.find((x) => x.id === d.serviceId);
    http.push({ host: d.domain, path: d.path, upstreams: ips.map((ip) => `${ip}:${d.port}`), firewall: service?.settings.httpFirewall as Firewall | undefined });
  }
  const streams: StreamRoute[] = [];
  for (const p of await db.select().from(publicPorts).where(eq(publicPorts.projectId, project.id))) {
    const ips = await serviceIps(ctx, p.serviceId);
    streams.push({ port: p.publicPort, protocol: p.protocol, upstreams: ips.map((ip) => `${ip}:${p.internalPort}`), firewall: { policy: p.firewallPolicy, ranges: p.firewallRanges } });
  }
  return { http, streams };
}

export function renderProjectBalancer(ctx: ExtensionContext, r: { http: HttpRoute[]; streams: StreamRoute[] }): string {
  return renderBalancer({
    address: ctx.project.address!,
    httpPort: env.BERTH_CORE_HTTP_PORT,
    httpsPort: r.http.length ? env.BERTH_CORE_HTTPS_PORT : undefined,
    routes: r.http,
    streams: r.streams,
  });
}

interface StoredTls {
  hosts: string[];
  certPem: string;
  keyEncrypted: string;
}

/** The project's certificate for its route names: reused while the names stay, reissued when they change. */
async function projectCertificate(ctx: ExtensionContext, hosts: string[]): Promise<Pem | undefined> {
  if (!hosts.length) return undefined;
  const stored = ctx.project.settings.tls as StoredTls | undefined;
  const wanted = [...hosts].sort();
  if (stored && stored.hosts.join(',') === wanted.join(',')) return { certPem: stored.certPem, keyPem: decryptSecret(stored.keyEncrypted) };
  const pem = issueCertificate(ensureCa(), wanted);
  const tls: StoredTls = { hosts: wanted, certPem: pem.certPem, keyEncrypted: encryptSecret(pem.keyPem) };
  await ctx.db
    .update(projects)
    .set({ settings: sql`${projects.settings} || ${JSON.stringify({ tls })}::jsonb` })
    .where(eq(projects.id, ctx.project.id));
  return pem;
}

/** Renders the project's routing and pushes it to every running balancer of the project. */
export async function syncCore(ctx: ExtensionContext, opts: { includeDrafts?: boolean } = {}): Promise<void> {
  if (!ctx.project.address || ctx.project.status === 'DELETING') return;
  const r = await routes(ctx, opts.includeDrafts);
  const config = renderProjectBalancer(ctx, r);
  const cert = await projectCertificate(ctx, [...new Set(r.http.map((h) => h.host))]);
  for (const local of balancerNames(ctx.project)) {
    const name = containerName(ctx.project.id, local);
    const d = await ctx.runtime.inspectContainer(name);
    if (d?.state !== 'running') continue;
    let certChanged = false;
    if (cert) {
      certChanged = (await pushFile(ctx.runtime, name, '/etc/berth/tls.key', cert.keyPem)) || certChanged;
      certChanged = (await pushFile(ctx.runtime, name, '/etc/berth/tls.crt', cert.certPem)) || certChanged;
    }
    const pushed = await pushNginxConfig(ctx.runtime, name, config);
    if (certChanged && !pushed) await reloadNginx(ctx.runtime, name);
  }
  await ensureEdge(ctx.db, ctx.runtime).catch((err) => log.warn('edge not updated', { error: err instanceof Error ? err.message : String(err) }));
}

export function registerCoreExtension(): void {
  registerProjectExtension({
    name: 'core',
    async wanted(ctx) {
      if (!ctx.project.address) return { containers: [], volumes: [] };
      return { containers: balancerNames(ctx.project).map((n) => balancerSpec(ctx.project, n)), volumes: [] };
    },
    afterApply: (ctx) => syncCore(ctx),
  });
}
