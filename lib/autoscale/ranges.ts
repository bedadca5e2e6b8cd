import type { AutoscalingSettings, Service, ServiceResources } from '@/lib/db/schema';
import type { CatalogEntry } from '@/lib/catalog/types';
import { capabilitiesOf } from '@/lib/catalog/capabilities';
import { AppError } from '@/lib/errors';
import type { HostCapacity } from '@/lib/provisioner/host-capacity';

const GB = 1024 * 1024 * 1024;

/** The effective per-container ranges a service scales within (CPU in cores, RAM in MB). */
export interface ScalingRanges {
  cpu: { min: number; max: number };
  ramMb: { min: number; max: number };
  /** Memory kept free above usage: the larger of minFreeRamGB and minFreeRamPercent of the limit. */
  minFreeRamMb: number;
  minFreeRamPercent: number;
  disk?: { min: number; max: number };
  containers: { min: number; max: number };
  dedicated: boolean;
}

/** Lowest settings: Docker needs 6 MB of memory; below 0.1 core nothing useful runs. */
export const FLOOR = { cpu: 0.1, ramGb: 0.125 };


/**
 * Checks settings against the rules and the host's capacity; throws VALIDATION naming the field
 * and the limit. Horizontal bounds apply to runtimes only.
 */
export function validateAutoscaling(a: AutoscalingSettings, entry: Pick<CatalogEntry, 'type' | 'displayName' | 'category'>, host: HostCapacity, prefix = ''): void {
  const fail = (field: string, rule: string): never => {
    throw new AppError('VALIDATION', `${prefix}${field}: ${rule}`, { [`${prefix}${field}`]: [rule] });
  };
  const cores = host.cpus;
  const ramGb = Math.floor((host.memoryBytes / GB) * 100) / 100;
  for (const f of ['minCpu', 'maxCpu', 'startCpuCoreCount'] as const) {
    const v = a[f];
    if (v === undefined) continue;
    if (v < FLOOR.cpu) fail(f, `at least ${FLOOR.cpu} CPU cores`);
    if (v > cores) fail(f, `at most ${cores} CPU cores (the host has ${cores})`);
  }
  for (const f of ['minRam', 'maxRam'] as const) {
    const v = a[f];
    if (v === undefined) continue;
    if (v < FLOOR.ramGb) fail(f, `at least ${FLOOR.ramGb} GB`);
    if (v > ramGb) fail(f, `at most ${ramGb} GB (the host has ${ramGb} GB of memory)`);
  }
  if (a.minCpu !== undefined && a.maxCpu !== undefined && a.maxCpu < a.minCpu) fail('maxCpu', `must be at least minCpu (${a.minCpu})`);
  if (a.startCpuCoreCount !== undefined) {
    if (a.minCpu !== undefined && a.startCpuCoreCount < a.minCpu) fail('startCpuCoreCount', `must be at least minCpu (${a.minCpu})`);
    if (a.maxCpu !== undefined && a.startCpuCoreCount > a.maxCpu) fail('startCpuCoreCount', `must be at most maxCpu (${a.maxCpu})`);
  }
  if (a.minRam !== undefined && a.maxRam !== undefined && a.maxRam < a.minRam) fail('maxRam', `must be at least minRam (${a.minRam} GB)`);
  if (a.minFreeRamGB !== undefined && a.maxRam !== undefined && a.minFreeRamGB >= a.maxRam) fail('minFreeRamGB', `must be below maxRam (${a.maxRam} GB)`);
  if (a.minDisk !== undefined && a.maxDisk !== undefined && a.maxDisk < a.minDisk) fail('maxDisk', `must be at least minDisk (${a.minDisk} GB)`);
  const scalable = capabilitiesOf(entry).horizontalScaling;
  for (const f of ['minContainers', 'maxContainers'] as const) {
    if (a[f] !== undefined && !scalable && a[f] !== 1) fail(f, `${entry.displayName} runs a fixed topology (runtimes only scale horizontally)`);
  }
  if (a.minContainers !== undefined && a.maxContainers !== undefined && a.maxContainers < a.minContainers) {
    fail('maxContainers', `must be at least minContainers (${a.minContainers})`);
  }
}

/** The ranges the scaler works in; an unset bound is the service's current resources (no scaling there). */
export function scalingRanges(a: AutoscalingSettings, base: ServiceResources, containerCount: number): ScalingRanges {
  const cpuMin = a.minCpu ?? base.cpu;
  const ramMin = a.minRam !== undefined ? a.minRam * 1024 : base.memoryMb;
  return {
    cpu: { min: cpuMin, max: Math.max(cpuMin, a.maxCpu ?? cpuMin) },
    ramMb: { min: ramMin, max: Math.max(ramMin, a.maxRam !== undefined ? a.maxRam * 1024 : ramMin) },
    minFreeRamMb: (a.minFreeRamGB ?? 0) * 1024,
    minFreeRamPercent: a.minFreeRamPercent ?? 0,
    disk: a.maxDisk !== undefined ? { min: a.minDisk ?? 0, max: a.maxDisk } : undefined,
    containers: { min: a.minContainers ?? containerCount, max: Math.max(a.minContainers ?? containerCount, a.maxContainers ?? a.minContainers ?? containerCount) },
    dedicated: a.cpuMode === 'DEDICATED',
  };
}

/** The resources a service starts with under these settings: startCpuCoreCount (or minCpu) and minRam. */
export function startResources(a: AutoscalingSettings, base: ServiceResources): ServiceResources {
  const cpu = a.startCpuCoreCount ?? a.minCpu ?? base.cpu;
  return { cpu, memoryMb: a.minRam !== undefined ? Math.round(a.minRam * 1024) : base.memoryMb };
}

const clampTo = (v: number, lo: number | undefined, hi: number | undefined) => Math.min(hi ?? Infinity, Math.max(lo ?? -Infinity, v));

/**
 * Resources and container count moved into the new ranges (the scaler takes them from there);
 * `starting`: a new service starts at startCpuCoreCount (or minCpu), minRam and minContainers.
 */
export function withinRanges(s: Pick<Service, 'resources' | 'containerCount'>, a: AutoscalingSettings, scalable: boolean, opts: { starting?: boolean } = {}) {
  if (opts.starting) s = { ...s, resources: startResources(a, s.resources), containerCount: Math.max(s.containerCount, a.minContainers ?? 1) };
  const resources = {
    cpu: a.startCpuCoreCount ?? clampTo(s.resources.cpu, a.minCpu, a.maxCpu),
    memoryMb: Math.round(clampTo(s.resources.memoryMb, a.minRam !== undefined ? a.minRam * 1024 : undefined, a.maxRam !== undefined ? a.maxRam * 1024 : undefined)),
  };
  return { resources, containerCount: scalable ? clampTo(s.containerCount, a.minContainers, a.maxContainers) : s.containerCount };
}

