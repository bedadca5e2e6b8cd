import { randomBytes } from 'node:crypto';
import { pipe, run, type DataTool } from './common';

const STORE = '/data/rgw';
const SCRIPT = '/usr/local/lib/berth/store.py';

/**
 * Object storage: an archive of consistent copies of the store's SQLite files (SQLite's online
 * backup, taken while the gateway serves). A restore unpacks and checks the copies beside the store,
 * then the image's front stops the gateway, swaps the store and starts it again (a few seconds in
 * which requests are refused); the service's own key pair and bucket are set again after the swap,
 * the keys of the service the backup came from are removed, and its objects are moved into this
 * service's bucket (a restore into another object storage).
 */
export const objectStorageTool: DataTool = {
  tool: 'sqlite3 online backup',
  versionArgv: ['radosgw', '--version'],
  async dump(t, out) {
    const dir = `/data/.berth-dump-${randomBytes(6).toString('hex')}`;
    try {
      await run(t, ['python3', SCRIPT, 'snapshot', STORE, dir]);
      await pipe(t, ['tar', '-C', dir, '-cf', '-', '.'], { stdout: out });
    } finally {
      await run(t, ['rm', '-rf', dir]).catch(() => {});
    }
  },
  async restore(t, input, tag, log) {
    const staging = `/data/.berth-restore-${tag}`;
    await run(t, ['rm', '-rf', staging]);
    await run(t, ['mkdir', '-p', staging]);
    try {
      await pipe(t, ['tar', '-C', staging, '-xf', '-'], { stdin: input });
      await run(t, ['python3', SCRIPT, 'check', staging]);
      await run(t, ['chown', '-R', 'ceph:ceph', staging]);
    } catch (err) {
      await run(t, ['rm', '-rf', staging]).catch(() => {});
      throw err;
    }
    await log(`unpacked and checked in ${staging}; swapping the store`);
    await run(t, ['python3', SCRIPT, 'swap', staging]);
  },
};
