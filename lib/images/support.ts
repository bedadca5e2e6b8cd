import { findTypeImage, type Suite } from './definitions';

/** Debian's support of each suite the local images come from (security, then LTS, as Debian publishes it). */
const SUITE_SUPPORT: Record<Suite, string> = {
  bookworm: 'Debian 12 (bookworm), LTS support until June 2028',
  trixie: 'Debian 13 (trixie), security support until August 2028, LTS until June 2030',
  sid: 'Debian unstable (sid): no security support, newest packages',
};

/**
 * Where a local image's software comes from and how long it is supported: its Debian suite, or the
 * official binary of a registry package (updated with Berth's own releases).
 */
export function localImageSupport(ref: string): string | undefined {
  const image = findTypeImage(ref);
  if (!image) return undefined;
  if (image.npm.length) return `official binary (${image.npm.join(', ')}) on ${SUITE_SUPPORT[image.suite].split(',')[0]}`;
  return SUITE_SUPPORT[image.suite];
}

