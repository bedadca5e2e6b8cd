import { and, eq, inArray } from 'drizzle-orm';
import { routingHeld } from '@/lib/autoscale/routing-hold';
import { appVersions, httpDomains, publicPorts, services, type Project } from '@/lib/db/schema';
import { VERSION_LABEL } from '@/lib/deploy/build/labels';
import { ordinalOf, routedDuringRoll, type RollingVersion } from '@/lib/deploy/run/rolling';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { registerProjectExtension, type ExtensionContext } from '@/lib/provisioner/extensions';
import { L, containerName, networkName } from '@/lib/provisioner/labels';
import type { WantedContainer } from '@/lib/provisioner/spec';
import { coreContainer } from './container';
import { ensureEdge } from './edge';
import { LOG_DIR, LOGGER, ensureLogger, logVolume, loggerHost, loggerSpec } from './logger';
import { coreImage, lightBalancerImage } from './image';
import { configuredAcmeIssuer, ensureCertificates, type ServedCerts } from './certs';
import { isAcmeToken, type ChallengeResponder } from './certs/acme';
import { pushFile, pushNginxConfig, reloadNginx } from './push-config';
import { ACME_ROOT, renderBalancer, subdomainHost, type HttpRoute, type StreamRoute } from './render';
import { bindProjectAddresses, ensureProjectAddress6, projectAddresses, unbindAddresses } from './addresses';

const log = logger('core');

/** Which balancers a project should run: LIGHT one; SERIOUS two; during the upgrade all three. */
export function balancerNames(project: Pick<Project, 'corePackage' | 'settings'>): string[] {
  if (project.corePackage === 'LIGHT') return ['core-balancer-0'];
  const phase = project.settings.coreUpgrade;
  if (phase === 'starting' || phase === 'logger') return ['core-balancer-0', 'core-balancer-1', 'core-balancer-2'];
  return ['core-balancer-1', 'core-balancer-2'];
}

function balancerSpec(project: Project, local: string): WantedContainer {
  return coreContainer(project, local, {
    role: 'balancer',
    image: local === 'core-balancer-0' ? lightBalancerImage(env.BERTH_IMAGE_SOURCE) : coreImage(env.BERTH_IMAGE_SOURCE),
    // The Light core also hosts the project's logger, whose archive lives on the project's log volume.
    mounts: local === 'core-balancer-0' ? [{ volume: logVolume(project.id).name, path: LOG_DIR }] : [],
    memoryMb: 256,
    stopSignal: 'SIGQUIT',
  });
}

interface Serving {
  /** The serving (ACTIVE) app version of each deployed service (absent: no deploy yet). */
  active: Map<string, string>;
  /** The version a rolling rollout is bringing in, per service, with its progress. */
  rolling: Map<string, RollingVersion>;
}

async function servingVersions(ctx: ExtensionContext): Promise<Serving> {
  const rows = await ctx.db
    .select({ id: appVersions.id, serviceId: appVersions.serviceId, status: appVersions.status, rolling: appVersions.rolling })
    .from(appVersions)
    .where(and(eq(appVersions.projectId, ctx.project.id), inArray(appVersions.status, ['ACTIVE', 'DEPLOYING'])));
  const active = new Map(rows.filter((r) => r.status === 'ACTIVE').map((r) => [r.serviceId, r.id]));
  const rolling = new Map(rows.flatMap((r) => (r.status === 'DEPLOYING' && r.rolling ? [[r.serviceId, { id: r.id, progress: r.rolling }] as const] : [])));
  return { active, rolling };
}

/**
 * Roles that do not answer for the service itself: read-only replicas and Redis sentinels. A
 * public port or route reaches the containers that carry the service's own name (the primary of
 * an HA database), never a replica that would refuse writes.
 */
const NOT_THE_SERVICE = new Set(['replica', 'sentinel']);

/**
 * Running containers' addresses on the project network, for one service: only the serving app
 * version's containers (a rollout's new containers join when the version becomes ACTIVE; during a
 * rolling rollout, one ordinal at a time), or the placeholder's before the first deploy; of an HA
 * database only its primary. Containers the autoscaler holds (a new one not ready yet, a removed
 * one draining) are left out.
 */
async function serviceIps(ctx: ExtensionContext, serviceId: string, serving: Serving): Promise<string[]> {
  const list = (await ctx.engine.listContainers({ [L.project]: ctx.project.id, [L.service]: serviceId })).filter(
    (c) => !NOT_THE_SERVICE.has(c.labels[L.role] ?? ''),
  );
  const ips: string[] = [];
  const active = serving.active.get(serviceId);
  const rolling = serving.rolling.get(serviceId);
  for (const c of list) {
    if (!routedDuringRoll(c.labels[VERSION_LABEL], ordinalOf(c.labels[L.container]), active, rolling) || routingHeld(c.name)) continue;
    const d = await ctx.engine.inspectContainer(c.id);
    const ip = d?.state === 'running' ? d.ips[networkName(ctx.project.id)] : undefined;
    if (ip) ips.push(ip);
  }
  return ips;
}

/**
 * HTTP routes (subdomains and published custom domains) and public TCP/UDP ports of the project.
 * `includeDrafts` renders the staged domain changes instead (the publish step).
 */
async function routes(ctx: ExtensionContext, includeDrafts = false): Promise<ProjectRoutes> {
  const { db, project } = ctx;
  const list = await db.select().from(services).where(eq(services.projectId, project.id));
  const http: HttpRoute[] = [];
  const customDomains: string[] = [];
  const serving = await servingVersions(ctx);
  for (const s of list.filter((x) => x.subdomainAccess)) {
    const port = s.ports.find((p) => p.httpSupport);
    if (!port) continue;
    const ips = await serviceIps(ctx, s.id, serving);
    const firewall = s.settings.httpFirewall;
    http.push({ host: subdomainHost(s.hostname, project.slug, env.BERTH_DOMAIN), upstreams: ips.map((ip) => `${ip}:${port.port}`), firewall });
  }
  for (const d of await db.select().from(httpDomains).where(eq(httpDomains.projectId, project.id))) {
    const live = includeDrafts ? !d.deleteOnSync : d.isSynced;
    if (!live) continue;
    customDomains.push(d.domain);
    const ips = await serviceIps(ctx, d.serviceId, serving);
    const service = list.find((x) => x.id === d.serviceId);
    http.push({ host: d.domain, path: d.path, upstreams: ips.map((ip) => `${ip}:${d.port}`), firewall: service?.settings.httpFirewall });
  }
  const streams: StreamRoute[] = [];
  for (const p of await db.select().from(publicPorts).where(eq(publicPorts.projectId, project.id))) {
    const ips = await serviceIps(ctx, p.serviceId, serving);
    streams.push({ port: p.publicPort, protocol: p.protocol, upstreams: ips.map((ip) => `${ip}:${p.internalPort}`), firewall: { policy: p.firewallPolicy, ranges: p.firewallRanges } });
  }
  return { http, streams, customDomains: [...new Set(customDomains)] };
}

interface ProjectRoutes {
  http: HttpRoute[];
  streams: StreamRoute[];
  customDomains: string[];
}

export function renderProjectBalancer(ctx: ExtensionContext, r: ProjectRoutes, hostCerts: string[] = []): string {
  return renderBalancer({
    addresses: projectAddresses(ctx.project),
    httpPort: env.BERTH_CORE_HTTP_PORT,
    httpsPort: r.http.length ? env.BERTH_CORE_HTTPS_PORT : undefined,
    routes: r.http,
    streams: r.streams,
    hostCerts,
  });
}

/** Puts HTTP-01 answers into every running balancer of the project (they serve them on plain HTTP). */
function challengeResponder(ctx: ExtensionContext): ChallengeResponder {
  const each = async (fn: (name: string) => Promise<unknown>) => {
    for (const local of balancerNames(ctx.project)) {
      const name = containerName(ctx.project.id, local);
      if ((await ctx.engine.inspectContainer(name))?.state === 'running') await fn(name);
    }
  };
  const file = (token: string) => {
    if (!isAcmeToken(token)) throw new Error('the ACME server sent a malformed token');
    return `${ACME_ROOT}/.well-known/acme-challenge/${token}`;
  };
  return {
    set: (token, keyAuthorization) => each((name) => pushFile(ctx.engine, name, file(token), keyAuthorization)),
    clear: (token) => each((name) => ctx.engine.exec(name, ['rm', '-f', file(token)])),
  };
}

/** Pushes certificates, then the config (validated by nginx before the swap), to every running balancer. */
async function pushToBalancers(ctx: ExtensionContext, r: ProjectRoutes, certs: ServedCerts): Promise<void> {
  const hosts = new Set(r.http.map((h) => h.host));
  const hostCerts = [...certs.byDomain.keys()].filter((d) => hosts.has(d)).sort();
  const config = renderProjectBalancer(ctx, r, hostCerts);
  const files: [string, string][] = [];
  if (certs.internal) files.push(['/etc/berth/tls.key', certs.internal.keyPem], ['/etc/berth/tls.crt', certs.internal.certPem]);
  for (const host of hostCerts) {
    const pem = certs.byDomain.get(host)!;
    files.push([`/etc/berth/certs/${host}.key`, pem.keyPem], [`/etc/berth/certs/${host}.crt`, pem.certPem]);
  }
  for (const local of balancerNames(ctx.project)) {
    const name = containerName(ctx.project.id, local);
    const d = await ctx.engine.inspectContainer(name);
    if (d?.state !== 'running') continue;
    const to = { name, id: d.id };
    let certChanged = false;
    for (const [file, content] of files) certChanged = (await pushFile(ctx.engine, to, file, content)) || certChanged;
    const pushed = await pushNginxConfig(ctx.engine, to, config);
    if (certChanged && !pushed) await reloadNginx(ctx.engine, name);
  }
}

/**
 * Renders the project's routing and pushes it to every running balancer of the project, with its
 * certificates first, then updates the edge. `includeDrafts` (the publish step) validates staged
 * domains before they go live. ACME runs last, for published domains only: the CA reaches them
 * through the edge, and a new certificate is pushed in a second pass.
 */
export async function syncCore(ctx: ExtensionContext, opts: { includeDrafts?: boolean } = {}): Promise<void> {
  if (!projectAddresses(ctx.project).length || ctx.project.status === 'DELETING') return;
  const r = await routes(ctx, opts.includeDrafts);
  const certInput = { hosts: [...new Set(r.http.map((h) => h.host))], customDomains: r.customDomains, issuer: configuredAcmeIssuer(), prune: !opts.includeDrafts };
  const certs = await ensureCertificates(ctx.db, ctx.project.id, certInput);
  await pushToBalancers(ctx, r, certs);
  await ensureEdge(ctx.db, ctx.engine).catch((err) => log.warn('edge not updated', { error: err instanceof Error ? err.message : String(err) }));
  await ensureLogger(ctx.engine, ctx.project).catch((err) => log.warn('project logger not started', { error: err instanceof Error ? err.message : String(err) }));
  if (opts.includeDrafts || !certInput.issuer) return;
  const after = await ensureCertificates(ctx.db, ctx.project.id, { ...certInput, issueAcme: true, responder: challengeResponder(ctx) });
  const changed = [...after.byDomain].some(([d, pem]) => certs.byDomain.get(d)?.certPem !== pem.certPem) || after.byDomain.size !== certs.byDomain.size;
  if (changed) await pushToBalancers(ctx, r, after);
}

export function registerCoreExtension(): void {
  registerProjectExtension({
    name: 'core',
    async wanted(ctx) {
      if (!projectAddresses(ctx.project).length) return { containers: [], volumes: [] };
      const containers = balancerNames(ctx.project).map((n) => balancerSpec(ctx.project, n));
      if (loggerHost(ctx.project) === LOGGER && env.BERTH_IMAGE_SOURCE === 'local') containers.push(loggerSpec(ctx.project));
      return { containers, volumes: [logVolume(ctx.project.id)] };
    },
    // Every project has an IPv6 address (older ones get theirs here) on the interface before its core starts.
    async beforeApply(ctx) {
      const project = await ensureProjectAddress6(ctx.db, ctx.project);
      await bindProjectAddresses(project);
      return project;
    },
    afterApply: (ctx) => syncCore(ctx),
    afterDestroy: (ctx) => unbindAddresses(projectAddresses(ctx.project)),
    // The project is DELETING by now: the edge stops sending its names before its balancers go.
    beforeDestroy: (ctx) => ensureEdge(ctx.db, ctx.engine).catch((err) => log.warn('edge not updated', { error: err instanceof Error ? err.message : String(err) })),
  });
}
