import type { RollingProgress } from '@/lib/db/schema';

/**
 * A rolling rollout replaces a scaled service's containers one ordinal at a time. These decide,
 * from the serving version and the rolling one's progress, which containers run and which take
 * traffic; the provisioner (what runs) and the project core (what is routed) both ask them.
 */
export interface RollingVersion {
  id: string;
  progress: RollingProgress;
}

/** Whether the container `ordinal` of version `versionId` should run. */
export function runsDuringRoll(versionId: string, ordinal: number, rolling: RollingVersion | undefined): boolean {
  if (!rolling) return true;
  if (versionId === rolling.id) return ordinal < rolling.progress.started;
  return ordinal >= rolling.progress.removed;
}

/** Whether the container `ordinal` of version `versionId` takes traffic (`serving`: the ACTIVE version). */
export function routedDuringRoll(versionId: string | undefined, ordinal: number, serving: string | undefined, rolling: RollingVersion | undefined): boolean {
  if (rolling && versionId === rolling.id) return ordinal < rolling.progress.routed;
  if (versionId !== serving) return false;
  return !rolling || ordinal >= rolling.progress.routed;
}

/** The ordinal at the end of a version container's local name (`<hostname>-v<sequence>-<ordinal>`). */
export function ordinalOf(localName: string | undefined): number {
  const m = /-(\d+)$/.exec(localName ?? '');
  return m ? Number(m[1]) : 0;
}
