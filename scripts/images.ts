/**
 * `npm run images [dir…]`: builds Berth's local image set from Debian packages, with no registry.
 *
 * Convention (also in images/README.md):
 * - images/base/packages.txt is the ONE package list: `mmdebstrap --variant=minbase bookworm` from the
 *   host's own apt mirror → tarball → imported through the Engine API as `berth/base:<hash12>`.
 * - EVERY directory images/<name>/ holding a Dockerfile is built on that base, automatically: its FROM
 *   line must be exactly `FROM berth-base` (replaced by the real base tag at build time). Builds run with
 *   networkmode none, so they may only add files, config and entry points; packages come from the base.
 *   images/<name>/image.json ({ "repo": "berth/<name>", "tags": ["<version>"] }) names the image;
 *   without it the image is `berth/<name>:latest`. Example: images/core/ → berth/core:1.
 * - Cached by a content hash of the inputs (suite, mirror, options, package list for the base; base tag
 *   and every file of the directory for the others) stored as the image label `berth.input-hash`:
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
    const [base] = await buildAll(say, only.length ? only : undefined);
    if (base) await pruneSuperseded(base, say);
  });
  say(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(`[images] FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
