import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { waitFor } from '@/lib/testing/wait';

/** A free loopback TCP port (bound once by the OS, then released). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

export interface GitDaemon {
  /** `git://127.0.0.1:<port>/<name>` for a bare repository under the served folder. */
  url(bareRepoPath: string): string;
  stop(): Promise<void>;
}

/**
 * Debian's `git daemon` on loopback serving every repository under `baseDir` (read only, no
 * `git-daemon-export-ok` marker needed), as a Git server reached over `git://`.
 */
export async function startGitDaemon(baseDir: string): Promise<GitDaemon> {
  const port = await freePort();
  const child: ChildProcess = spawn('git', ['daemon', '--reuseaddr', '--export-all', '--listen=127.0.0.1', `--port=${port}`, `--base-path=${baseDir}`, baseDir], {
    stdio: 'ignore',
    env: { PATH: '/usr/bin:/bin', NODE_ENV: 'test' },
  });
  await waitFor('git daemon to listen', async () => (await accepts(port)) || undefined, 10_000, 50);
  return {
    url: (repo) => `git://127.0.0.1:${port}/${path.relative(baseDir, repo)}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
