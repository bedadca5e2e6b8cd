import { buildBase, buildTypeImage, HASH_LABEL, type Say } from './build';
import { baseHash, findTypeImage, typeHash, type TypeImage } from './definitions';
import { withBuildLock } from './lock';
import { docker } from '@/lib/provisioner/docker/connection';

/** The image's input-hash label; null when the engine has no such image. */
async function hashLabel(ref: string): Promise<string | null> {
  try {
    return (await docker().getImage(ref).inspect()).Config?.Labels?.[HASH_LABEL] ?? '';
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
}

/** Whether the engine has the image `ref` (built by `npm run images`, on demand, or pulled). */
export const isImagePresent = async (ref: string): Promise<boolean> => (await hashLabel(ref)) !== null;

/** Whether `ref` exists and was built from the current inputs (its minbase's and its own). */
async function isCurrent(image: TypeImage, ref: string): Promise<boolean> {
  const base = `berth/base:${image.suite}-${baseHash(image.suite)}`;
  return (await hashLabel(ref)) === typeHash(image, base);
}

/**
 * Makes a local image exist before a service needs it: a version outside the default set (`onDemand`
 * in its image.json) is built the first time, its suite's minbase first, and rebuilt when its inputs
 * changed. Under the host's build lock, so two processes never build the same image at once; the
 * second then finds it current. A ref no image directory declares is left alone (the engine reports
 * it missing, as before).
 */
export async function ensureLocalImage(ref: string, say: Say): Promise<'present' | 'built'> {
  const image = findTypeImage(ref);
  if (!image || (await isCurrent(image, ref))) return 'present';
  return withBuildLock(say, async () => {
    if (await isCurrent(image, ref)) return 'present';
    const base = await buildBase(say, {}, image.suite);
    await buildTypeImage(image, base, say);
    return 'built';
  });
}
