import { AppError } from '@/lib/errors';
import { mariadb } from './entries/mariadb';
import { postgresql } from './entries/postgresql';
import { rabbitmq } from './entries/rabbitmq';
import { redis, valkey } from './entries/redis';
import { nodejs } from './entries/nodejs';
import { python } from './entries/python';
import { go } from './entries/go';
import { phpApache, phpNginx } from './entries/php-nginx';
import { bun } from './entries/bun';
import { deno } from './entries/deno';
import { nats } from './entries/nats';
import { staticSite } from './entries/static';
import { nginx } from './entries/nginx';
import { debian } from './entries/debian';
import { sharedStorage } from './entries/shared-storage';
import { objectStorage } from './entries/object-storage';
import { mongodb } from './entries/mongodb';
import { elasticsearch } from './entries/elasticsearch';
import { meilisearch } from './entries/meilisearch';
import { typesense } from './entries/typesense';
import { clickhouse } from './entries/clickhouse';
import { kafka } from './entries/kafka';
import { qdrant } from './entries/qdrant';
import type { CatalogEntry, ImageSource, VersionDef } from './types';

export type * from './types';

const entries: CatalogEntry[] = [
  postgresql,
  mariadb,
  redis,
  valkey,
  rabbitmq,
  nats,
  nodejs,
  bun,
  deno,
  python,
  go,
  phpNginx,
  phpApache,
  staticSite,
  nginx,
  debian,
  sharedStorage,
  objectStorage,
  mongodb,
  elasticsearch,
  meilisearch,
  typesense,
  clickhouse,
  kafka,
  qdrant,
];
const byType = new Map(entries.map((e) => [e.type, e]));
/** Names Zerops import files use for types Berth offers under another name. */
const aliases: Record<string, string> = { golang: 'go', sharedstorage: 'shared-storage', objectstorage: 'object-storage', ubuntu: 'debian' };

/** Every type, or only those the given image source can provide at least one version of. */
export function listCatalog(source?: ImageSource): CatalogEntry[] {
  return source ? entries.filter((e) => e.versions.some((v) => v.images[source])) : entries;
}

export function getCatalogEntry(type: string): CatalogEntry {
  const entry = byType.get(aliases[type] ?? type);
  if (!entry) {
    throw new AppError('VALIDATION', `Unknown service type "${type}". Available: ${entries.map((e) => e.type).join(', ')}`, {
      type: [`unknown type; available: ${entries.map((e) => e.type).join(', ')}`],
    });
  }
  return entry;
}

const versionList = (entry: CatalogEntry, list: VersionDef[] = entry.versions) => list.map((v) => `${entry.type}@${v.version}`).join(', ');

/** `postgresql@15` (or `postgresql` for the default version) → entry + version, or a clear error. */
export function resolveTypeVersion(typeVersion: string): { entry: CatalogEntry; version: string } {
  const [type = '', requested] = typeVersion.trim().toLowerCase().split('@');
  const entry = getCatalogEntry(type);
  if (!requested || requested === 'latest') {
    const def = entry.versions.find((v) => v.default) ?? entry.versions[0]!;
    return { entry, version: def.version };
  }
  const match = entry.versions.find((v) => v.version === requested || requested.startsWith(`${v.version}.`));
  if (!match) {
    throw new AppError('VALIDATION', `Unknown version "${requested}" of ${entry.type}. Available: ${versionList(entry)}`, {
      version: [`unknown version; available: ${versionList(entry)}`],
    });
  }
  return { entry, version: match.version };
}

/** Refuses HA on a type without it (or not yet available), naming the types that have it. */
export function assertModeAllowed(entry: CatalogEntry, mode: 'HA' | 'NON_HA'): void {
  if (mode !== 'HA' || entry.ha?.available) return;
  const withHa = entries.filter((e) => e.ha?.available).map((e) => e.type).join(', ');
  const why = entry.ha ? `HA is not yet available for ${entry.displayName}` : `${entry.displayName} has no HA mode`;
  throw new AppError('VALIDATION', `${why}. HA is available for: ${withHa}`, { mode: [`${why}; available for: ${withHa}`] });
}

/** The image of type@version from a source, or a clear error naming what the source can provide. */
export function imageFor(entry: CatalogEntry, version: string, source: ImageSource): string {
  const image = entry.versions.find((v) => v.version === version)?.images[source];
  if (image) return image;
  const offered = entry.versions.filter((v) => v.images[source]);
  const note = entry.sourceNotes?.[source];
  const message = `The ${source} image source cannot provide ${entry.type}@${version}. It can: ${versionList(entry, offered) || 'none'}${note ? ` (${note})` : ''}`;
  throw new AppError('VALIDATION', message, { type: [message] });
}

export function containerCount(entry: CatalogEntry, mode: 'HA' | 'NON_HA', requested: number): number {
  if (mode === 'HA' && entry.ha) return entry.ha.roles.reduce((n, r) => n + r.count, 0);
  return Math.min(Math.max(requested, entry.scaling.min), entry.scaling.max);
}
export { nearestVersion } from './nearest-version';
export { capabilitiesOf, type TypeCapabilities } from './capabilities';
