import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** Example apps and bare Git repositories of them, for the deploy tests (no platform code imported). */
const run = promisify(execFile);
export const examplesDir = path.join(process.cwd(), 'examples');

/** A copy of an example without what a checkout would not hold (node_modules, dist). */
export async function exampleCopy(name: string, edit?: (dir: string) => Promise<void>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `berth-ex-${name}-`));
  await fs.cp(path.join(examplesDir, name), dir, { recursive: true, filter: (src) => !/\/(node_modules|dist)(\/|$)/.test(src.slice(examplesDir.length)) });
  await edit?.(dir);
  return dir;
}

const git = (args: string[], cwd?: string) =>
  run('git', args, { cwd, env: { PATH: '/usr/bin:/bin', HOME: os.tmpdir(), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@berth.test', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@berth.test', NODE_ENV: 'test' } });

/** A bare repository holding `dir` as one commit on `branch`; returns its path and the commit. */
export async function bareRepo(dir: string, branch = 'main'): Promise<{ path: string; commit: string }> {
  const bare = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-repo-'));
  await git(['init', '-q', '--bare', '-b', branch, bare]);
  return { path: bare, commit: await pushDir(dir, bare, branch) };
}

/** Commits `dir` onto `branch` of the bare repository (a new commit on top); returns the commit. */
export async function pushDir(dir: string, bare: string, branch: string, tag?: string): Promise<string> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-work-'));
  try {
    await git(['clone', '-q', bare, work]).catch(() => git(['init', '-q', work]));
    await git(['checkout', '-q', '-B', branch], work);
    await fs.cp(dir, work, { recursive: true });
    await git(['add', '-A'], work);
    await git(['commit', '-q', '--allow-empty', '-m', 'deploy'], work);
    if (tag) await git(['tag', tag], work);
    await git(['push', '-q', bare, `HEAD:refs/heads/${branch}`, ...(tag ? [`refs/tags/${tag}`] : [])], work);
    return (await git(['rev-parse', 'HEAD'], work)).stdout.trim();
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
