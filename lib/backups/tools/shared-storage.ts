import { pipe, run, type DataTool, type ToolTarget } from './common';

const root = (t: ToolTarget) => `/mnt/${t.hostname}`;
const STAGING = '.berth-restore-';
const OLD = '.berth-old-';

/** Shared storage: a tar archive of the files; restored beside them, then swapped in. */
export const sharedStorageTool: DataTool = {
  tool: 'tar',
  versionArgv: ['tar', '--version'],
  async dump(t, out) {
    await pipe(t, ['tar', '-C', root(t), '--exclude=./.berth-*', '-cf', '-', '.'], { stdout: out });
  },
  async restore(t, input, tag, log) {
    const dir = root(t);
    const staging = `${dir}/${STAGING}${tag}`;
    const old = `${dir}/${OLD}${tag}`;
    await run(t, ['rm', '-rf', staging, old]);
    await run(t, ['mkdir', '-p', staging, old]);
    try {
      await pipe(t, ['tar', '-C', staging, '-xf', '-'], { stdin: input });
    } catch (err) {
      await run(t, ['rm', '-rf', staging]).catch(() => {});
      throw err;
    }
    await log(`unpacked into ${staging}; replacing the files`);
    const top = ['-mindepth', '1', '-maxdepth', '1'];
    await run(t, ['find', dir, ...top, '!', '-name', '.berth-*', '-exec', 'mv', '-t', old, '{}', '+']);
    await run(t, ['find', staging, ...top, '-exec', 'mv', '-t', dir, '{}', '+']);
    await run(t, ['rm', '-rf', staging, old]);
  },
};
