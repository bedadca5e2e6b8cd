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
import { BUILD_CONCURRENCY, buildAll, buildBase, buildTypeImage, inParallel } from '@/lib/images/build';
import { typeImages } from '@/lib/images/definitions';
import { withBuildLock } from '@/lib/images/lock';
import { isImagePresent } from '@/lib/images/on-demand';
import { docker } from '@/lib/provisioner/docker/connection';

const run = promisify(execFile);
const NS = 'berth-bench';
const say = (line: string) => console.log(`[bench:images] ${line}`);
const seconds = (t: number, digits = 1) => Math.round((Date.now() - t) / 10 ** (3 - digits)) / 10 ** digits;
/** `--cached-only`: skip the cold build (a quick check of the cached path). */
const cachedOnly = process.argv.includes('--cached-only');
/** `--cold-only`: only the cold build under the bench namespace (leaves the real `berth/*` set alone). */
const coldOnly = process.argv.includes('--cold-only');

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

/** Every image's size as `docker images` reports it (the minbase layers included), by ref. */
async function sizes(refs: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const ref of refs) out[ref] = await sizeMB(ref);
  return out;
}

/** The default set from nothing under the bench namespace (sizes read before it is removed again). */
async function coldBuild() {
  await removeBenchImages();
  const perImage: Record<string, number> = {};
  const bases = new Map<string, string>();
  const baseS: Record<string, number> = {};
  const refs: string[] = [];
  try {
    const started = Date.now();
    const images = typeImages({ all: false });
    for (const suite of new Set(images.map((i) => i.suite))) {
      const b = Date.now();
      bases.set(suite, await buildBase(say, { namespace: NS, noCache: true }, suite));
      baseS[suite] = seconds(b);
    }
    await inParallel(images, BUILD_CONCURRENCY, async (image) => {
      const t = Date.now();
      await buildTypeImage(image, bases.get(image.suite)!, () => {}, { namespace: NS, noCache: true });
      perImage[image.tags.map((tag) => `${image.repo}:${tag}`).join(',')] = seconds(t);
      refs.push(...image.tags.map((tag) => `${image.repo.replace(/^berth\//, `${NS}/`)}:${tag}`));
      say(`cold ${image.repo}:${image.tags.join(',')}: ${seconds(t)} s`);
    });
    const coldBuildS = seconds(started);
    return { coldBuildS, baseBootstrapAndImportS: baseS, typeBuildS: perImage, coldImageMB: await sizes([...bases.values(), ...refs]) };
  } finally {
    await removeBenchImages();
  }
}

const cold = cachedOnly ? { coldBuildS: null } : await coldBuild();
if (coldOnly) {
  console.log(JSON.stringify(cold));
  process.exit(0);
}

// Settle first (an image directory may have changed since the last build), then time a run with nothing changed.
await withBuildLock(say, () => buildAll(say));
const t = Date.now();
const { bases, refs } = await withBuildLock(say, () => buildAll(() => {}));
const cachedS = seconds(t, 2);
// The whole command as the test runner calls it (process start and TypeScript loading included).
const c = Date.now();
await run('npx', ['tsx', 'scripts/images.ts']);
const cachedCommandS = seconds(c, 2);
// On-demand versions built so far (by services that asked for them) are reported too.
const onDemand: string[] = [];
for (const image of typeImages().filter((i) => i.onDemand))
  for (const tag of image.tags) if (await isImagePresent(`${image.repo}:${tag}`)) onDemand.push(`${image.repo}:${tag}`);
const imageMB = await sizes([...bases, ...refs, ...onDemand]);
say(`image sizes (MB): ${JSON.stringify(imageMB)}`);
console.log(JSON.stringify({ ...cold, cachedBuildS: cachedS, cachedCommandS, imageMB }));
