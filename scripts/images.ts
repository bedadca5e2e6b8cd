/**
 * `npm run images [dir…]`: builds Berth's local image set from Debian packages, with no registry.
 *
 * Convention (also in images/README.md):
 * - images/base/packages.txt is the small package list of every suite's minbase:
 *   `mmdebstrap --variant=minbase <suite>` from the host's own apt mirror → tarball → imported through
 *   the Engine API as `berth/base:<suite>-<hash12>`.
 * - EVERY directory images/<name>/ holding a Dockerfile is built on the minbase of its suite: its FROM
 *   line must be exactly `FROM berth-base` (replaced by the real base tag at build time).
 *   images/<name>/image.json names the image (or a list of variants, one per version): repo, tags,
 *   suite, Debian packages (build argument PACKAGES, installed from the host's mirror in the build
 *   container), registry packages (`npm pack`ed into the context), build args, and `onDemand` (left out
 *   of this command, built when a service first needs it). Without it the image is `berth/<name>:latest`.
 *   `npm run images postgresql berth/postgresql:17` builds named directories or images only.
 * - Cached by a content hash of the inputs (suite, mirror, options, package list for a minbase; base tag,
 *   variant and every file of the directory for the others) stored as the image label `berth.input-hash`:
 *   a second run with nothing changed takes seconds. Images it superseded are removed unless a container
 *   uses them. Exits non-zero with the reason on failure.
 */
import { buildAll } from '@/lib/images/build';
import { withBuildLock } from '@/lib/images/lock';
import { pruneSuperseded } from '@/lib/images/prune';

const started = Date.now();
const only = process.argv.slice(2);
const say = (line: string) => console.log(`[images] ${line}`);
try {
  await withBuildLock(say, async () => {
    const { bases } = await buildAll(say, only.length ? only : undefined);
    if (!only.length) await pruneSuperseded(bases, say);
  });
  say(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(`[images] FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
