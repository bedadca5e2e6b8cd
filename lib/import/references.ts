import { getCatalogEntry } from '@/lib/catalog';
import type { ExistingService } from './plan';
import type { PlannedProject, PlannedService } from './plan-types';

const REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * `${db_connectionString}` must name a service of the file or the project and, for a service of the
 * file, one of its variables; `${KEY}` must name a variable of the project or the service itself.
 * `mount` must name shared storage. Reports through `report(serviceIndex, key, message)`.
 */
export function checkReferences(
  services: PlannedService[],
  project: PlannedProject | null,
  existing: ExistingService[],
  existingProjectEnv: string[],
  report: (index: number, key: string, message: string) => void,
  generatedKeys: Map<string, string[]> = new Map(),
): void {
  const keysOf = new Map<string, Set<string> | null>();
  for (const e of existing) keysOf.set(e.hostname, null);
  for (const s of services) {
    const generated =
      generatedKeys.get(s.hostname) ?? Object.keys(getCatalogEntry(s.type).generate({ hostname: s.hostname, serviceId: '-', projectId: '-', mode: s.mode, password: () => '-' }));
    keysOf.set(s.hostname, new Set([...generated, ...s.env.map((e) => e.key)]));
  }
  const projectKeys = new Set([...(project?.env.map((e) => e.key) ?? []), ...existingProjectEnv]);
  const hosts = [...keysOf.keys()].sort((a, b) => b.length - a.length);
  const storages = new Set([...services.filter((s) => s.type === 'shared-storage').map((s) => s.hostname), ...existing.filter((e) => e.type === 'shared-storage').map((e) => e.hostname)]);

  services.forEach((s, i) => {
    const own = keysOf.get(s.hostname)!;
    for (const m of s.mount) if (!storages.has(m)) report(i, 'mount', `mount: there is no shared-storage service "${m}"`);
    for (const e of s.env) {
      for (const [, name] of e.value.matchAll(REF)) {
        if (own.has(name!) || projectKeys.has(name!)) continue;
        const host = hosts.find((h) => name!.startsWith(`${h}_`));
        if (!host) {
          report(i, 'envSecrets', `${e.key}: \${${name}} names no service and no variable of this project`);
          continue;
        }
        const keys = keysOf.get(host);
        const key = name!.slice(host.length + 1);
        if (keys && !keys.has(key)) report(i, 'envSecrets', `${e.key}: \${${name}}: service ${host} has no variable ${key} (it has ${[...keys].join(', ')})`);
      }
    }
  });
}
