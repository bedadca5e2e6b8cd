/**
 * `npm run bench:images`: cold and cached build times of the local image set, and image sizes.
 *
 * Cold: the whole set from nothing — mmdebstrap of the base, import, every type image with no layer
 * cache — built under the throw-away namespace `berth-bench/*` (removed at the end), so the `berth/*`
 * images other runs use right now are never missing. A fresh base import has a new id, so no cached
 * layer can apply; `nocache` makes that explicit. Cached: `npm run images`' path on the real set with
 * nothing changed. Last line: one JSON object.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildAll, buildBase, buildTypeImage } from '@/lib/images/build';
import { typeImages } from '@/lib/images/definitions';
import { withBuildLock } from '@/lib/images/lock';
import { docker } from '@/lib/provisioner/docker/connection';

const run = promisify(execFile);
const NS = 'berth-bench';
const say = (line: string) => console.log(`[bench:images] ${line}`);
const seconds = (t: number, digits = 1) => Math.round((Date.now() - t) / 10 ** (3 - digits)) / 10 ** digits;
/** `--cached-only`: skip the cold build (a quick check of the cached path). */
const cachedOnly = process.argv.includes('--cached-only');

async function removeBenchImages() {
  const list = await docker().listImages({ filters: JSON.stringify({ reference: [`${NS}/*`] }) });
  const isBase = (tags: string[] | undefined) => (tags ?? []).some((t) => t.startsWith(`${NS}/base:`));
  // Type images first: the base is their parent.
  for (const img of [...list.filter((i) => !isBase(i.RepoTags)), ...list.filter((i) => isBase(i.RepoTags))]) {
    for (const tag of img.RepoTags ?? [])
      await docker()
        .getImage(tag)
        .remove({ force: true })
        .catch(() => {});
  }
}

const sizeMB = async (ref: string) => Math.round(((await docker().getImage(ref).inspect()).Size ?? 0) / 1e6);

/** The whole set from nothing under the bench namespace; removed again whatever happens. */
async function coldBuild() {
  await removeBenchImages();
  const perImage: Record<string, number> = {};
  try {
    const started = Date.now();
    const base = await buildBase(say, { namespace: NS, noCache: true });
    const bootstrapS = seconds(started);
    for (const image of typeImages()) {
      const t = Date.now();
      await buildTypeImage(image, base, () => {}, { namespace: NS, noCache: true });
      perImage[image.dir] = seconds(t);
      say(`cold ${image.dir}: ${perImage[image.dir]} s`);
    }
    return { coldBuildS: seconds(started), baseBootstrapAndImportS: bootstrapS, typeBuildS: perImage };
  } finally {
    await removeBenchImages();
  }
}

const cold = cachedOnly ? { coldBuildS: null } : await coldBuild();

// Settle first (an image directory may have changed since the last build), then time a run with nothing changed.
await withBuildLock(say, () => buildAll(say));
const t = Date.now();
const refs = await withBuildLock(say, () => buildAll(() => {}));
const cachedS = seconds(t, 2);
// The whole command as the test runner calls it (process start and TypeScript loading included).
const c = Date.now();
await run('npx', ['tsx', 'scripts/images.ts']);
const cachedCommandS = seconds(c, 2);
const [baseRef, ...typeRefs] = refs;
const baseMB = await sizeMB(baseRef!);
const sizes: Record<string, number> = {};
for (const ref of typeRefs) sizes[ref] = (await sizeMB(ref)) - baseMB;
say(`base ${baseRef}: ${baseMB} MB; each type image adds (MB): ${JSON.stringify(sizes)}`);
console.log(
  JSON.stringify({
    ...cold,
    cachedBuildS: cachedS,
    cachedCommandS,
    baseImageMB: baseMB,
    addedPerImageMB: sizes,
  }),
);
