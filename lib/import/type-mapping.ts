import { getCatalogEntry, listCatalog, nearestVersion, type CatalogEntry, type ImageSource } from '@/lib/catalog';
import { isAppError } from '@/lib/errors';

/** Zerops type names Berth offers under its own name (on top of the catalog's aliases). */
const ZEROPS_ALIASES: Record<string, string> = { objectstorage: 'object-storage' };

export type TypeResolution =
  | { ok: true; entry: CatalogEntry; version: string; requested: string; mapped: boolean; haFromType?: 'HA' | 'NON_HA' }
  | { ok: false; rule: 'type' | 'version'; message: string; proposal?: { entry: CatalogEntry; version: string; requested: string } };

/**
 * `postgresql@16`, `postgresql:ha@16`, `golang@1`, `shared-storage` → a catalog entry and a version the
 * image source can run. A version the catalog lacks is never swapped silently: it comes back as a
 * failure carrying the nearest version as a proposal, for the caller to accept or refuse.
 */
export function resolveImportType(raw: string, source: ImageSource): TypeResolution {
  const [namePart = '', requested = ''] = raw.trim().toLowerCase().split('@');
  const [name = '', variant] = namePart.split(':');
  let entry: CatalogEntry;
  try {
    entry = getCatalogEntry(ZEROPS_ALIASES[name] ?? name);
  } catch (err) {
    if (!isAppError(err)) throw err;
    const types = listCatalog(source).map((e) => e.type).join(', ');
    return { ok: false, rule: 'type', message: `unknown service type "${name}"; Berth offers: ${types}` };
  }
  const haFromType = variant === 'ha' ? 'HA' : variant === 'single' ? 'NON_HA' : undefined;
  if (variant && !haFromType) return { ok: false, rule: 'type', message: `unknown type variant ":${variant}" (use :ha or :single)` };
  const offered = entry.versions.filter((v) => v.images[source]);
  if (!offered.length) {
    const note = entry.sourceNotes?.[source];
    return { ok: false, rule: 'type', message: `${entry.displayName} is not available from the ${source} image source${note ? ` (${note})` : ''}` };
  }
  const list = offered.map((v) => v.version);
  if (!requested || requested === 'latest') {
    const def = offered.find((v) => v.default) ?? offered[0]!;
    return { ok: true, entry, version: def.version, requested: requested || 'default', mapped: false, haFromType };
  }
  const match = offered.find((v) => v.version === requested || requested.startsWith(`${v.version}.`));
  if (match) return { ok: true, entry, version: match.version, requested, mapped: false, haFromType };
  const near = nearestVersion(requested, list);
  const message = `${entry.type}@${requested} is not available here; available: ${list.map((v) => `${entry.type}@${v}`).join(', ')}`;
  if (!near) return { ok: false, rule: 'version', message };
  return { ok: false, rule: 'version', message: `${message}; nearest: ${entry.type}@${near} (accept it with acceptVersions)`, proposal: { entry, version: near, requested } };
}
