import { buildBase, buildTypeImage, type Say } from './build';
import { findTypeImage } from './definitions';
import { withBuildLock } from './lock';
import { docker } from '@/lib/provisioner/docker/connection';

/** Whether the engine has the image `ref` (built by `npm run images`, on demand, or pulled). */
export async function isImagePresent(ref: string): Promise<boolean> {
  try {
    await docker().getImage(ref).inspect();
    return true;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false;
    throw err;
  }
}

/**
 * Makes a local image exist before a service needs it: a version outside the default set (`onDemand`
 * in its image.json) is built the first time, its suite's minbase first. Under the host's build lock, so
 * two processes never build the same image at once; the second then finds it present.
 * A ref no image directory declares is left alone (the engine reports it missing, as before).
 */
export async function ensureLocalImage(ref: string, say: Say): Promise<'present' | 'built'> {
  const image = findTypeImage(ref);
  if (!image || (await isImagePresent(ref))) return 'present';
  return withBuildLock(say, async () => {
    if (await isImagePresent(ref)) return 'present';
    const base = await buildBase(say, {}, image.suite);
    await buildTypeImage(image, base, say);
    return 'built';
  });
}
