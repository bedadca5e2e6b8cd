/**
 * `npm run bench:images`: cold build of the local image set (only berth/* images removed first)
 * and a cached rebuild. Last line: one JSON object.
 */
import { buildAll } from '@/lib/images/build';
import { docker } from '@/lib/provisioner/docker/connection';

const quiet = () => {};
const images = await docker().listImages({ filters: JSON.stringify({ reference: ['berth/*'] }) });
const inUse = new Set((await docker().listContainers({ all: true })).map((c) => c.ImageID));
let removed = 0;
for (const img of images) {
  if (inUse.has(img.Id)) continue;
  for (const tag of img.RepoTags ?? []) {
    await docker().getImage(tag).remove({ force: true }).catch(() => {});
    removed++;
  }
}
console.log(`removed ${removed} berth/* image tags (${inUse.size ? 'images used by containers kept' : 'none in use'})`);
let t = Date.now();
await buildAll((l) => console.log(`[cold] ${l}`));
const coldS = (Date.now() - t) / 1000;
t = Date.now();
await buildAll(quiet);
const cachedS = (Date.now() - t) / 1000;
const sizes = await docker().listImages({ filters: JSON.stringify({ reference: ['berth/base:*'] }) });
console.log(JSON.stringify({ coldBuildS: coldS, cachedBuildS: cachedS, baseImageMB: Math.round((sizes[0]?.Size ?? 0) / 1e6) }));
