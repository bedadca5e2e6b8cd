import { docker } from '@/lib/provisioner/docker/connection';
import { HASH_LABEL, type Say } from './build';

/** `berth/base:trixie-<hash>` → `trixie`; a base tag from before per-suite bases → `bookworm`. */
const suiteOf = (tag: string) => /^berth\/base:([a-z-]+)-[0-9a-f]+$/.exec(tag)?.[1] ?? 'bookworm';

/**
 * Removes images the pipeline built earlier and has since superseded: untagged images carrying the
 * `berth.input-hash` label, and `berth/base:<suite>-<hash>` tags of a suite whose current base is another. Images a container
 * (in any state) uses are kept, and so is anything the engine refuses to remove (e.g. a parent of one in use).
 */
export async function pruneSuperseded(currentBases: string[], say: Say): Promise<void> {
  const images = await docker().listImages({ all: false, filters: JSON.stringify({ label: [HASH_LABEL] }) });
  const inUse = new Set((await docker().listContainers({ all: true })).map((c) => c.ImageID));
  const tags = (i: (typeof images)[number]) => (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
  const isOldBase = (i: (typeof images)[number]) =>
    tags(i).length > 0 &&
    tags(i).every((t) => t.startsWith('berth/base:') && !currentBases.includes(t) && currentBases.some((c) => suiteOf(c) === suiteOf(t)));
  const stale = images.filter((i) => !inUse.has(i.Id) && (tags(i).length === 0 || isOldBase(i)));
  // Children before parents: type images first, bases last.
  stale.sort((a, b) => Number(isOldBase(a)) - Number(isOldBase(b)));
  let removed = 0;
  for (const image of stale) {
    try {
      await docker().getImage(image.Id).remove({ noprune: false });
      removed++;
    } catch {
      // in use by a child image or a container created meanwhile: keep it
    }
  }
  if (removed) say(`removed ${removed} superseded image(s) no container uses`);
}
