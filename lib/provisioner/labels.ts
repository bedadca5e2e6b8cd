import crypto from 'node:crypto';
import { persistentSecret } from '@/lib/crypto/keys';
import { env } from '@/lib/env';

export const L = {
  managed: 'berth.managed',
  project: 'berth.project',
  service: 'berth.service',
  container: 'berth.container',
  role: 'berth.role',
  kind: 'berth.kind',
  specHash: 'berth.spec-hash',
  testRun: 'berth.test-run',
  testPid: 'berth.test-pid',
  instance: 'berth.instance',
} as const;

let cachedInstance: string | undefined;
/** This Berth installation's id (BERTH_INSTANCE_ID, or generated once into the data directory). */
export function instanceId(): string {
  cachedInstance ??= env.BERTH_INSTANCE_ID ?? persistentSecret('instance.id', undefined, 8).toString('hex');
  return cachedInstance;
}

/**
 * Adds the instance label when an object is created (not part of the spec hash, so existing
 * containers are not replaced for it): the orphan sweep removes only its own instance's objects.
 */
export function withInstance(labels: Record<string, string>, id = instanceId()): Record<string, string> {
  return { ...labels, [L.instance]: id };
}

/** Labels every Berth object carries; test runs add their run id and pid for cleanup. */
export function baseLabels(projectId: string, extra: Record<string, string> = {}): Record<string, string> {
  return managedLabels({ [L.project]: projectId, ...extra });
}

/** For host-wide objects that belong to no project (the edge). */
export function managedLabels(extra: Record<string, string> = {}): Record<string, string> {
  const labels: Record<string, string> = { [L.managed]: 'true', ...extra };
  if (env.BERTH_RUN_ID) labels[L.testRun] = env.BERTH_RUN_ID;
  if (env.BERTH_TEST_PID) labels[L.testPid] = env.BERTH_TEST_PID;
  return labels;
}

/** JSON with sorted keys, so equal specs hash equally whatever the key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function specHash(spec: unknown): string {
  return crypto.createHash('sha256').update(canonical(spec)).digest('hex').slice(0, 24);
}

/** Docker names: berth-<first 8 of project id>-<rest>. */
export const shortId = (id: string) => id.replace(/-/g, '').slice(0, 8);
export const networkName = (projectId: string) => `berth-${projectId}`;
export const containerName = (projectId: string, local: string) => `berth-${shortId(projectId)}-${local}`;
export const volumeName = (projectId: string, local: string) => `berth-${shortId(projectId)}-${local}`;
