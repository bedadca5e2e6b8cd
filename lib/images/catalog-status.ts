import type { CatalogEntry } from '@/lib/catalog';
import { findTypeImage } from './definitions';
import { isImagePresent } from './on-demand';
import { localImageSupport } from './support';

/**
 * Per type, the versions whose local image is built on first use and is not on this host yet: the
 * wizard says so beside the version (creating the first such service takes minutes, not seconds).
 * An unreachable engine marks nothing (the service's process reports the engine instead).
 */
export async function localVersionsToBuild(entries: CatalogEntry[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const entry of entries) {
    for (const v of entry.versions) {
      const ref = v.images.local;
      if (!ref || !findTypeImage(ref)?.onDemand) continue;
      const present = await isImagePresent(ref).catch(() => true);
      if (!present) out.set(entry.type, [...(out.get(entry.type) ?? []), v.version]);
    }
  }
  return out;
}

/** Per version of a type: where its local image's software comes from and how long it is supported. */
export function supportNotes(entry: CatalogEntry): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of entry.versions) {
    const note = v.images.local ? localImageSupport(v.images.local) : undefined;
    if (note) out[v.version] = note;
  }
  return out;
}
