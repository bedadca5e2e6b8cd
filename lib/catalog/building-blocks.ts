import type { ContainerTemplate, ContainersForInput, GenerateContext, GeneratedVar, HealthCheckDef, ImageSource, VersionDef } from './types';

/**
 * How often Docker runs a service's health check once it runs. Every run is an exec (a process in
 * the container, and work for the engine): at 2 s, ten checked containers kept 0.4 of a CPU busy.
 * A start does not wait for this interval: the health wait and the ready probe run the same check
 * themselves until it first passes.
 */
export const HEALTH_INTERVAL_MS = 10_000;

/** A health check that turns `unhealthy` after failing for a minute (past `startPeriodMs`). */
export const health = (test: string[], startPeriodMs = 60_000): HealthCheckDef => ({
  test,
  intervalMs: HEALTH_INTERVAL_MS,
  timeoutMs: 5_000,
  retries: Math.ceil(60_000 / HEALTH_INTERVAL_MS),
  startPeriodMs,
});

export const httpHealth = (port: number) => health(['curl', '-fsS', '-o', '/dev/null', `http://127.0.0.1:${port}/`], 30_000);

/** Variables every service has: its hostname and the ids of the service and its project. */
export function baseVars(ctx: GenerateContext): Record<string, GeneratedVar> {
  return {
    hostname: { value: ctx.hostname, secret: false },
    serviceId: { value: ctx.serviceId, secret: false },
    projectId: { value: ctx.projectId, secret: false },
  };
}

export const plain = (value: string | number): GeneratedVar => ({ value: String(value), secret: false });
export const secret = (value: string): GeneratedVar => ({ value, secret: true });

export function versionImage(versions: VersionDef[], version: string, source: ImageSource): string {
  const image = versions.find((v) => v.version === version)?.images[source];
  if (!image) throw new Error(`no ${source} image for version ${version}`);
  return image;
}

/** The common case: one container, role `main`, holding the service alias. */
export function single(
  input: ContainersForInput,
  versions: VersionDef[],
  part: Omit<ContainerTemplate, 'role' | 'ordinal' | 'image' | 'serviceAlias'>,
): ContainerTemplate[] {
  return [{ role: 'main', ordinal: 0, image: versionImage(versions, input.version, input.source), serviceAlias: true, ...part }];
}

/** Runtimes: `containerCount` identical containers sharing the service alias. */
export function replicas(
  input: ContainersForInput,
  versions: VersionDef[],
  part: Omit<ContainerTemplate, 'role' | 'ordinal' | 'image' | 'serviceAlias'>,
): ContainerTemplate[] {
  const image = versionImage(versions, input.version, input.source);
  return Array.from({ length: input.containerCount }, (_, i) => ({ role: 'runtime', ordinal: i, image, serviceAlias: true, ...part }));
}

export const sharedMountsOf = (input: ContainersForInput) =>
  (input.sharedMounts ?? []).map((m) => ({ name: `@${m.volume}`, mountPath: m.mountPath }));
