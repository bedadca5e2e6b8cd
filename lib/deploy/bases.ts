import { getCatalogEntry } from '@/lib/catalog';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { nearestVersion } from '@/lib/catalog/nearest-version';

/** zerops.yml base names → catalog types (Zerops' `php@8.3` runs on Berth's php-nginx image). */
const TYPE_OF: Record<string, string> = {
  nodejs: 'nodejs',
  bun: 'bun',
  deno: 'deno',
  python: 'python',
  go: 'go',
  php: 'php-nginx',
  'php-nginx': 'php-nginx',
  'php-apache': 'php-apache',
  nginx: 'nginx',
  static: 'static',
  ubuntu: 'debian',
  alpine: 'debian',
  debian: 'debian',
};

export interface BaseImage {
  type: string;
  image: string;
  /** Set when the version asked for is not in the catalog and its default is used instead. */
  note?: string;
}

/** The catalog image of a `type@version` base (e.g. `nodejs@22`), for builds and runs. */
export function baseImage(base: string, field: string): BaseImage {
  const [name = '', version] = base.split('@');
  const type = TYPE_OF[name];
  const entry = type ? safeEntry(type) : undefined;
  if (!type || !entry) {
    const rule = `unknown base "${base}" (known: ${Object.keys(TYPE_OF).join(', ')})`;
    throw new AppError('VALIDATION', `zerops.yml ${field}: ${rule}`, { [field]: [rule] });
  }
  // The exact version, else the catalog's nearest-version rule (the closest of the same major, else
  // the nearest newer), else the default; a different major is said in the build log.
  const versions = entry.versions.map((v) => v.version);
  const wanted = version && (versions.includes(version) ? version : nearestVersion(version, versions));
  const chosen = entry.versions.find((v) => v.version === wanted) ?? entry.versions.find((v) => v.default) ?? entry.versions[0]!;
  const image = chosen.images[env.BERTH_IMAGE_SOURCE] ?? chosen.images.local;
  if (!image) throw new AppError('VALIDATION', `zerops.yml ${field}: no image for ${base}`, { [field]: ['no image for this base'] });
  const note = version && chosen.version.split('.')[0] !== version.split('.')[0] ? `${base}: this host has ${name} ${chosen.version}, which is used instead` : undefined;
  return { type, image, note };
}

function safeEntry(type: string) {
  try {
    return getCatalogEntry(type);
  } catch {
    return undefined;
  }
}
