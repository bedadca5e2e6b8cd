import fs from 'node:fs';
import Docker from 'dockerode';
import { removeLeftovers } from '../lib/testing/global-setup';

/**
 * Screenshots for review go to an ignored folder; old e2e data directories and the Docker objects
 * of earlier, finished runs (their test pid is gone) are removed, so stale balancers cannot share
 * a project address with this run's.
 */
export default async function globalSetup() {
  fs.mkdirSync('e2e/screenshots', { recursive: true });
  for (const dir of fs.existsSync('.test-data') ? fs.readdirSync('.test-data') : []) {
    if (dir.startsWith('e2e-') && `.test-data/${dir}` !== process.env.E2E_DATA_DIR) {
      fs.rmSync(`.test-data/${dir}`, { recursive: true, force: true });
    }
  }
  await removeLeftovers(new Docker());
}
