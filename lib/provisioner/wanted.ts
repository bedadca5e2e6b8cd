import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { capabilitiesOf, getCatalogEntry } from '@/lib/catalog';
import type { ContainerTemplate } from '@/lib/catalog/types';
import { decryptSecret } from '@/lib/crypto/secrets';
import type { Db } from '@/lib/db/client';
import { appVersions, envVariables, projects, services, type AppVersion, type Project, type Service } from '@/lib/db/schema';
import { ONCE_VOLUME, versionContainers } from '@/lib/deploy/run/containers';
import { runsDuringRoll } from '@/lib/deploy/run/rolling';
import { env as config } from '@/lib/env';
import { resolveServiceEnv, type ProjectVars } from '@/lib/envvars/resolve';
import { projectExtensions, type ExtensionContext } from './extensions';
import { L, baseLabels, containerName, networkName, specHash, volumeName } from './labels';
import type { Engine } from './engine';
import { boostedNanoCpus } from './start-boost';
import type { ContainerSpec, WantedContainer, WantedProject, WantedVolume } from './spec';

export async function loadProjectVars(db: Db, projectId: string, list: Service[]): Promise<ProjectVars> {
  const rows = await db.select().from(envVariables).where(eq(envVariables.projectId, projectId));
  const byId = new Map(list.map((s) => [s.id, s.hostname]));
  const vars: ProjectVars = { project: {}, services: Object.fromEntries(list.map((s) => [s.hostname, {}])) };
  for (const row of rows) {
    const value = decryptSecret(row.valueEncrypted);
    if (!row.serviceId) vars.project[row.key] = value;
    else {
      const host = byId.get(row.serviceId);
      if (host) vars.services[host]![row.key] = value;
    }
  }
  return vars;
}

const local = (s: Service, t: ContainerTemplate) => `${s.hostname}-${t.role}-${t.ordinal}`;

/**
 * The spec hash of a service container. It leaves out the run state (start/stop is not a
 * replacement) and the environment: a variable change takes effect on the service's next restart
 * (which bumps `generation`), never by a background reconcile replacing a running container.
 * A container created later (scale up, self-healing after `docker rm`) gets the current values.
 * The CPU and memory limits are left out too: the autoscaler changes them in place, and a
 * container whose limits moved is the same container, never drift to replace.
 */
export function serviceContainerHash(spec: ContainerSpec, generation: number): string {
  return specHash({ ...spec, env: undefined, running: undefined, limits: undefined, generation });
}

/** Per service, the app versions whose containers should run: ACTIVE, and DEPLOYING during a rollout. */
async function deployedVersions(db: Db, projectId: string): Promise<Map<string, AppVersion[]>> {
  const rows = await db
    .select()
    .from(appVersions)
    .where(and(eq(appVersions.projectId, projectId), inArray(appVersions.status, ['ACTIVE', 'DEPLOYING']), isNotNull(appVersions.image)));
  const map = new Map<string, AppVersion[]>();
  for (const r of rows.sort((a, b) => a.sequence - b.sequence)) map.set(r.serviceId, [...(map.get(r.serviceId) ?? []), r]);
  return map;
}

/** Service statuses whose new containers start with every host CPU (see dropStartBoost). */
const BOOSTED = new Set<Service['status']>(['CREATING', 'STARTING', 'RESTARTING']);

/** A service's own CPU and memory limits, as the engine takes them. */
export const serviceLimits = (r: Service['resources']) => ({ nanoCpus: Math.round(r.cpu * 1e9), memoryBytes: r.memoryMb * 1024 * 1024 });

/** Containers, volumes and the network a project should have, from the database and the catalog. */
export async function buildWantedProject(db: Db, engine: Engine, projectId: string): Promise<WantedProject> {
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (!project || project.status === 'DELETING') return { projectId, network: null, volumes: [], containers: [] };
  const list = (await db.select().from(services).where(eq(services.projectId, projectId))).filter((s) => s.status !== 'DELETING');
  const vars = await loadProjectVars(db, projectId, list);
  const net = networkName(projectId);
  const volumes: WantedVolume[] = [];
  const containers: WantedContainer[] = [];
  const logging = projectExtensions().map((e) => e.containerLogging?.(project)).find(Boolean);
  const storages = list.filter((s) => capabilitiesOf(getCatalogEntry(s.type)).sharedStorage);
  const deployed = await deployedVersions(db, projectId);

  for (const service of list) {
    const entry = getCatalogEntry(service.type);
    const { env } = resolveServiceEnv(vars, service.hostname);
    const mountsShared = capabilitiesOf(entry).mountsSharedStorage;
    const sharedMounts = mountsShared
      ? storages.map((st) => ({ volume: volumeName(projectId, `${st.hostname}-main-0-data`), mountPath: `/mnt/${st.hostname}` }))
      : [];
    const versions = deployed.get(service.id) ?? [];
    const parts: { t: ContainerTemplate; local: string; labels?: Record<string, string>; binds?: ContainerSpec['binds']; boost?: boolean }[] = [];
    if (versions.length) {
      // Deployed code: the serving version's containers (and, during a rollout, the next one's).
      const once = volumeName(projectId, `${service.hostname}-${ONCE_VOLUME}`);
      volumes.push({ name: once, labels: baseLabels(projectId, { [L.service]: service.id }) });
      const shared = sharedMounts.map((m) => ({ name: `@${m.volume}`, mountPath: m.mountPath }));
      const rolled = versions.find((v) => v.status === 'DEPLOYING' && v.rolling);
      const rolling = rolled?.rolling ? { id: rolled.id, progress: rolled.rolling } : undefined;
      for (const v of versions) {
        for (const c of versionContainers(service, v, vars, shared)) {
          if (!runsDuringRoll(v.id, c.template.ordinal, rolling)) continue;
          const t = { ...c.template, volumes: c.template.volumes.map((m) => (m.name === ONCE_VOLUME ? { ...m, name: `@${once}` } : m)) };
          parts.push({ t, local: c.local, labels: c.labels, binds: c.binds, boost: v.status === 'DEPLOYING' });
        }
      }
    }
    const templates = versions.length ? [] : entry.containersFor({
      hostname: service.hostname,
      version: service.version,
      mode: service.mode,
      containerCount: service.containerCount,
      port: entry.category === 'runtime' ? service.ports[0]?.port : undefined,
      source: config.BERTH_IMAGE_SOURCE,
      generated: env,
      sharedMounts,
      ipv6: Boolean(project.network6),
      objectStorage: { policy: service.settings.objectStoragePolicy, rawPolicy: service.settings.objectStorageRawPolicy },
    });
    // A service being created, started or restarted starts with every host CPU too (a database's
    // first start is its heaviest work); the process that waits for it gives it its own limit after.
    for (const t of templates) parts.push({ t, local: local(service, t), boost: BOOSTED.has(service.status) });
    const limits = serviceLimits(service.resources);
    for (const { t, local: localName, labels: extra, binds, boost } of parts) {
      const labels = baseLabels(projectId, {
        [L.service]: service.id,
        [L.container]: localName,
        [L.role]: t.role,
        [L.kind]: 'service',
        ...extra,
      });
      const mounts = t.volumes.map((v) => {
        if (v.name.startsWith('@')) return { volume: v.name.slice(1), path: v.mountPath };
        const name = volumeName(projectId, `${localName}-${v.name}`);
        volumes.push({ name, labels: baseLabels(projectId, { [L.service]: service.id }) });
        return { volume: name, path: v.mountPath };
      });
      const spec: ContainerSpec = {
        name: containerName(projectId, localName),
        image: t.image,
        env: { ...env, ...t.env },
        cmd: t.cmd,
        entrypoint: t.entrypoint,
        ...(t.stopSignal ? { stopSignal: t.stopSignal } : {}),
        labels,
        mounts,
        binds,
        network: {
          mode: 'bridge',
          name: net,
          aliases: [localName, ...(t.serviceAlias ? [service.hostname] : []), ...(t.aliases ?? [])],
        },
        healthCheck: t.healthCheck,
        // A version being rolled out starts with every host CPU (its start and readiness check are
        // what the rollout waits for); the switch gives it the service's own limit, in place.
        limits: boost ? { ...limits, nanoCpus: Math.max(limits.nanoCpus, boostedNanoCpus()) } : limits,
        // Restart policy: Docker restarts a crashed process at once (no database round trip) and
        // brings containers back when dockerd or the host restarts, before Berth runs; the
        // self-healer covers what Docker does not (docker kill, docker rm, drift). A stopped
        // service is stopped through the engine, so `unless-stopped` keeps it stopped.
        restart: 'unless-stopped',
        logging,
        running: service.running,
      };
      containers.push({ spec, hash: serviceContainerHash(spec, service.generation) });
    }
  }

  const ctx: ExtensionContext = { db, engine, project: project as Project };
  for (const ext of projectExtensions()) {
    const extra = await ext.wanted?.(ctx);
    if (extra) {
      containers.push(...extra.containers);
      volumes.push(...extra.volumes);
    }
  }
  const network = { name: net, labels: baseLabels(projectId), ...(project.network6 ? { ipv6: { subnet: project.network6 } } : {}) };
  return { projectId, network, volumes, containers };
}
