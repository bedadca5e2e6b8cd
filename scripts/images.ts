/**
 * `npm run images [dir…]`: builds Berth's local image set from Debian packages, with no registry.
 * Conventions (see lib/images/definitions.ts): images/base/packages.txt is the one base;
 * every images/<dir>/ with a Dockerfile starting `FROM berth-base` and an image.json is built on it.
 * Cached by a content hash of the inputs: a second run with nothing changed takes seconds.
 */
import { buildAll } from '@/lib/images/build';

const started = Date.now();
const only = process.argv.slice(2);
try {
  await buildAll((line) => console.log(`[images] ${line}`), only.length ? only : undefined);
  console.log(`[images] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(`[images] FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
