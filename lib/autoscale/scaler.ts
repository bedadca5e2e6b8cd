import { eq, inArray } from 'drizzle-orm';
import { capabilitiesOf, getCatalogEntry } from '@/lib/catalog';
import type { Db } from '@/lib/db/client';
import { scalingEvents, services, type Service } from '@/lib/db/schema';
import { logger } from '@/lib/log';
import { L } from '@/lib/provisioner/labels';
import type { Engine } from '@/lib/provisioner/engine';
import { DEFAULT_TUNING, decideCount, decideCpu, decideRam, type Reading, type ScalerTuning } from './decide';
import { watchDisk } from './disk';
import { scaleHorizontally } from './horizontal';
import { scalingRanges, type ScalingRanges } from './ranges';

const log = logger('autoscale');
const MB = 1024 * 1024;

interface Tracked {
  id: string;
  name: string;
  serviceId: string;
  projectId: string;
  history: Reading[];
  limits: { cpu: number; ramMb: number };
}

export interface Scaler {
  /** One pass: sample every scaled container, then change limits and counts. Resolves when done. */
  tick(): Promise<void>;
  stop(): void;
}

/** CPU shares for DEDICATED services: a larger weight when the host's CPU is contended. */
const cpuShares = (r: ScalingRanges, cpu: number) => (r.dedicated ? Math.max(2, Math.round(cpu * 1024)) : 1024);

const active = (s: Service) => s.running && s.status === 'ACTIVE' && Object.keys(s.autoscaling).length > 0;

/**
 * The autoscaler: every `intervalMs`, reads each container of a service with scaling settings,
 * raises or lowers its CPU and memory limits in place within the ranges (fast up, slow down),
 * and for runtimes adds or removes a container within min/max. Each change is a scaling event.
 */
export function startScaler(db: Db, engine: Engine, tuning: Partial<ScalerTuning> = {}, opts: { autoStart?: boolean } = {}): Scaler {
  const t: ScalerTuning = { ...DEFAULT_TUNING, ...tuning };
  const tracked = new Map<string, Tracked>();
  const utilisation = new Map<string, number[]>();
  const busyServices = new Set<string>();
  const keep = Math.max(t.downSamples, t.upSamples) + 1;
  let running: Promise<void> | undefined;
  let passes = 0;
  const diskWarned = new Set<string>();
  /** Disk usage is measured every DISK_EVERY passes (du walks the volume). */
  const DISK_EVERY = Math.max(1, Math.round(t.diskIntervalMs / t.intervalMs));

  const record = (e: typeof scalingEvents.$inferInsert) => db.insert(scalingEvents).values(e).then(() => undefined);

  async function sample(list: { id: string; name: string; labels: Record<string, string> }[]) {
    const seen = new Set<string>();
    await Promise.all(
      list.map(async (c) => {
        seen.add(c.id);
        let tr = tracked.get(c.id);
        if (!tr) {
          const d = await engine.inspectContainer(c.id).catch(() => undefined);
          if (!d?.limits) return;
          tr = { id: c.id, name: c.name, serviceId: c.labels[L.service]!, projectId: c.labels[L.project]!, history: [], limits: { cpu: d.limits.nanoCpus / 1e9, ramMb: d.limits.memoryBytes / MB } };
          tracked.set(c.id, tr);
        }
        const s = await engine.stats(c.id).catch(() => undefined);
        if (!s) return;
        tr.history = [...tr.history, { cpu: s.cpuPercent / 100, ramMb: s.memoryBytes / MB }].slice(-keep);
      }),
    );
    for (const id of tracked.keys()) if (!seen.has(id)) tracked.delete(id);
  }

  async function vertical(service: Service, r: ScalingRanges, list: Tracked[]) {
    let top: { cpu: number; memoryMb: number } | undefined;
    for (const c of list) {
      const cpu = decideCpu(c.history, c.limits.cpu, r, t) ?? c.limits.cpu;
      const ramMb = decideRam(c.history, c.limits.ramMb, r, t) ?? c.limits.ramMb;
      if (cpu === c.limits.cpu && ramMb === c.limits.ramMb) continue;
      await engine.updateContainer(c.id, { nanoCpus: Math.round(cpu * 1e9), memoryBytes: Math.round(ramMb * MB), cpuShares: cpuShares(r, cpu) });
      const base = { projectId: service.projectId, serviceId: service.id, containerName: c.name, containerCount: service.containerCount };
      const last = c.history.at(-1);
      if (cpu !== c.limits.cpu) {
        await record({ ...base, resource: 'cpu', direction: cpu > c.limits.cpu ? 'up' : 'down', fromValue: c.limits.cpu, toValue: cpu, reason: `CPU use ${(last?.cpu ?? 0).toFixed(2)} of ${c.limits.cpu} cores` });
      }
      if (ramMb !== c.limits.ramMb) {
        await record({ ...base, resource: 'ram', direction: ramMb > c.limits.ramMb ? 'up' : 'down', fromValue: c.limits.ramMb, toValue: ramMb, reason: `memory use ${Math.round(last?.ramMb ?? 0)} of ${Math.round(c.limits.ramMb)} MB` });
      }
      log.info('scaled a container in place', { container: c.name, cpu, ramMb });
      c.limits = { cpu, ramMb };
      c.history = [];
      top = { cpu: Math.max(top?.cpu ?? 0, cpu), memoryMb: Math.max(top?.memoryMb ?? 0, Math.round(ramMb)) };
    }
    // New containers (a scale-out, a replacement) start at the current level.
    if (top) await db.update(services).set({ resources: top }).where(eq(services.id, service.id));
  }

  function horizontal(service: Service, r: ScalingRanges, list: Tracked[]) {
    if (!capabilitiesOf(getCatalogEntry(service.type)).horizontalScaling || busyServices.has(service.id)) return;
    const read = list.map((c) => c.history.at(-1)).filter((h): h is Reading => Boolean(h));
    if (read.length === 0) return;
    const u = list.reduce((sum, c) => {
      const h = c.history.at(-1);
      return h ? sum + Math.max(h.cpu / c.limits.cpu, h.ramMb / c.limits.ramMb) : sum;
    }, 0) / read.length;
    const series = [...(utilisation.get(service.id) ?? []), u].slice(-Math.max(t.addSamples, t.removeSamples));
    utilisation.set(service.id, series);
    const atMax = list.every((c) => c.limits.cpu >= r.cpu.max - 1e-9);
    const step = decideCount(series, service.containerCount, r, t, atMax);
    if (step === 0) return;
    utilisation.delete(service.id);
    busyServices.add(service.id);
    // In the background: a new container's readiness or a drain must not hold the sampling up.
    void scaleHorizontally(db, engine, service, step, `average use ${Math.round(u * 100)}% of the limits`)
      .catch((err: unknown) => log.warn('horizontal scaling failed', { service: service.hostname, error: err instanceof Error ? err.message : String(err) }))
      .finally(() => busyServices.delete(service.id));
  }

  async function pass() {
    const measureDisk = passes++ % DISK_EVERY === 0;
    const list = (await engine.listContainers({ [L.managed]: 'true', [L.kind]: 'service' })).filter((c) => c.state === 'running' && c.labels[L.service]);
    const ids = [...new Set(list.map((c) => c.labels[L.service]!))];
    const rows = ids.length ? (await db.select().from(services).where(inArray(services.id, ids))).filter(active) : [];
    const scaled = new Set(rows.map((s) => s.id));
    await sample(list.filter((c) => scaled.has(c.labels[L.service]!)));
    for (const service of rows) {
      const mine = [...tracked.values()].filter((c) => c.serviceId === service.id);
      if (mine.length === 0) continue;
      const r = scalingRanges(service.autoscaling, service.resources, service.containerCount);
      try {
        await vertical(service, r, mine);
        horizontal(service, r, mine);
        if (measureDisk) for (const c of mine) await watchDisk(db, engine, service, c.name, diskWarned);
      } catch (err) {
        log.warn('scaling failed', { service: service.hostname, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  const tick = () => {
    running ??= pass()
      .catch((err: unknown) => log.warn('autoscale pass failed', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = opts.autoStart === false ? undefined : setInterval(() => void tick(), t.intervalMs);
  return {
    tick,
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}
