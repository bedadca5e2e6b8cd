import type { ScalingRanges } from './ranges';

/** One reading of a container: CPU in cores used (1 = one full core), memory in MB. */
export interface Reading {
  cpu: number;
  ramMb: number;
}

/** Thresholds and windows of the scaler (a fraction of the current limit; windows in samples). */
export interface ScalerTuning {
  /** Time between two samples of every managed container. */
  intervalMs: number;
  /** CPU: up when usage stays at or above `cpuUp` of the limit for `upSamples` readings. */
  cpuUp: number;
  /** CPU: down when usage stays below `cpuDown` of the limit for `downSamples` readings. */
  cpuDown: number;
  /** Memory: up when usage reaches `ramUp` of the limit (or eats into the minimum free memory). */
  ramUp: number;
  /** Memory: down when usage stays below `ramDown` of the limit for `downSamples` readings. */
  ramDown: number;
  /** A new limit puts usage at this fraction of it. */
  target: number;
  upSamples: number;
  downSamples: number;
  /** Horizontal: average utilisation of the service's containers, and its windows. */
  addAbove: number;
  removeBelow: number;
  addSamples: number;
  removeSamples: number;
  /** How often the volumes' disk usage is measured (against maxDisk). */
  diskIntervalMs: number;
}

/** Up after two readings (a few seconds), down after a minute, a container removed after two minutes. */
export const DEFAULT_TUNING: ScalerTuning = {
  intervalMs: 2_000,
  cpuUp: 0.8,
  cpuDown: 0.3,
  ramUp: 0.85,
  ramDown: 0.4,
  target: 0.6,
  upSamples: 2,
  downSamples: 30,
  addAbove: 0.8,
  removeBelow: 0.3,
  addSamples: 3,
  removeSamples: 60,
  diskIntervalMs: 60_000,
};

const CPU_STEP = 0.1;
const RAM_STEP_MB = 32;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const upTo = (v: number, step: number) => Math.ceil(v / step - 1e-9) * step;
const round = (v: number) => Math.round(v * 1000) / 1000;

/** Memory kept free for a limit: minFreeRamGB, or minFreeRamPercent of the limit, whichever is larger. */
export const minFreeMb = (r: ScalingRanges, limitMb: number) => Math.max(r.minFreeRamMb, (limitMb * r.minFreeRamPercent) / 100);

/**
 * New CPU limit (cores) for a container, or undefined to keep it. `history` is oldest first;
 * up needs the last `upSamples` readings hot, down the last `downSamples` cold (hysteresis).
 */
export function decideCpu(history: Reading[], limit: number, r: ScalingRanges, t: ScalerTuning): number | undefined {
  if (r.cpu.max <= r.cpu.min) return limit !== r.cpu.min ? r.cpu.min : undefined;
  const inRange = clamp(limit, r.cpu.min, r.cpu.max);
  const up = history.slice(-t.upSamples);
  if (up.length === t.upSamples && up.every((h) => h.cpu >= limit * t.cpuUp)) {
    const peak = Math.max(...up.map((h) => h.cpu));
    // Usage is capped by the limit, so the real demand is unknown: at least double.
    const next = round(clamp(upTo(Math.max(limit * 2, peak / t.target), CPU_STEP), r.cpu.min, r.cpu.max));
    return next > limit ? next : inRange !== limit ? inRange : undefined;
  }
  const down = history.slice(-t.downSamples);
  if (down.length === t.downSamples && down.every((h) => h.cpu < limit * t.cpuDown)) {
    const peak = Math.max(...down.map((h) => h.cpu));
    const next = round(clamp(upTo(Math.max(peak / t.target, limit / 2), CPU_STEP), r.cpu.min, r.cpu.max));
    return next < limit ? next : inRange !== limit ? inRange : undefined;
  }
  return inRange !== limit ? inRange : undefined;
}

/** New memory limit (MB), or undefined to keep it. Never below usage plus the minimum free memory. */
export function decideRam(history: Reading[], limitMb: number, r: ScalingRanges, t: ScalerTuning): number | undefined {
  const last = history.at(-1);
  const inRange = clamp(limitMb, r.ramMb.min, r.ramMb.max);
  if (!last || r.ramMb.max <= r.ramMb.min) return inRange !== limitMb ? inRange : undefined;
  const need = (usage: number) => {
    // The limit L must leave max(minFreeRamGB, L·percent) free: L ≥ usage + minFree and L·(1 − p) ≥ usage.
    const p = Math.min(0.95, r.minFreeRamPercent / 100);
    return Math.max(usage + r.minFreeRamMb, usage / (1 - p));
  };
  // Up before the free memory runs short: a margin of one more minimum free (or of 1 − ramUp of
  // the limit) above it, as usage can grow between two readings.
  const margin = Math.max(r.minFreeRamMb, limitMb * (1 - t.ramUp));
  if (last.ramMb >= limitMb * t.ramUp || need(last.ramMb) + margin > limitMb) {
    const next = clamp(upTo(Math.max(last.ramMb / t.target, need(last.ramMb), limitMb * 1.5), RAM_STEP_MB), r.ramMb.min, r.ramMb.max);
    return next > limitMb ? next : inRange !== limitMb ? inRange : undefined;
  }
  const down = history.slice(-t.downSamples);
  if (down.length === t.downSamples && down.every((h) => h.ramMb < limitMb * t.ramDown)) {
    const peak = Math.max(...down.map((h) => h.ramMb));
    const next = clamp(upTo(Math.max(peak / t.target, need(peak), limitMb / 2), RAM_STEP_MB), r.ramMb.min, r.ramMb.max);
    return next < limitMb ? next : inRange !== limitMb ? inRange : undefined;
  }
  return inRange !== limitMb ? inRange : undefined;
}

/**
 * Container count change for a runtime: +1 when the containers' average CPU or memory use has
 * stayed above `addAbove` of their limits (at the top of the vertical range) for `addSamples`
 * readings, −1 when it stayed below `removeBelow` for `removeSamples`; 0 otherwise.
 * `utilisation` is the service's average per reading, oldest first.
 */
export function decideCount(utilisation: number[], count: number, r: ScalingRanges, t: ScalerTuning, verticalAtMax: boolean): -1 | 0 | 1 {
  if (count < r.containers.min) return 1;
  if (count > r.containers.max) return -1;
  const up = utilisation.slice(-t.addSamples);
  if (count < r.containers.max && verticalAtMax && up.length === t.addSamples && up.every((u) => u >= t.addAbove)) return 1;
  const down = utilisation.slice(-t.removeSamples);
  if (count > r.containers.min && down.length === t.removeSamples && down.every((u) => u < t.removeBelow)) return -1;
  return 0;
}
