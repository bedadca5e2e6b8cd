import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '@/lib/errors';

const run = promisify(execFile);

/** A Git source: a URL (https, http, git://, ssh, or a local path) and a branch, tag or commit. */
export interface GitSource {
  url: string;
  /** Branch, tag or full commit id; the remote's default branch when empty. */
  ref?: string | null;
}

/** Credentials for a private repository (decrypted just for the clone, never logged). */
export interface GitAuth {
  token?: string;
  sshKey?: string;
  /**
   * The known_hosts file of ssh sources: the first connection records the host's key, a later
   * one with another key is refused. A throwaway file when not given.
   */
  knownHosts?: string;
}

const URL_RULE = /^(https?:\/\/|git:\/\/|ssh:\/\/|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:|\/)/;
/** ssh:// or scp-like (`user@host:path`) URLs: git talks to them through ssh. */
export const isSshUrl = (url: string) => /^ssh:\/\//.test(url) || /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:/.test(url);

const REF_RULE = /^[A-Za-z0-9._/-]{1,200}$/;

export function validateGitSource(src: GitSource): void {
  if (!URL_RULE.test(src.url) || /\s/.test(src.url)) {
    throw new AppError('VALIDATION', 'gitUrl: must be an https://, http://, git://, ssh:// URL or an absolute path', { gitUrl: ['must be an https://, http://, git://, ssh:// URL or an absolute path'] });
  }
  if (src.ref && (!REF_RULE.test(src.ref) || src.ref.startsWith('-') || src.ref.includes('..'))) {
    throw new AppError('VALIDATION', 'gitRef: must be a branch, tag or commit name', { gitRef: ['must be a branch, tag or commit name'] });
  }
}

/** What git reads besides its arguments: no prompts, a fixed protocol list, the credentials. */
async function gitEnv(url: string, auth: GitAuth | undefined, tmp: string): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: tmp,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ALLOW_PROTOCOL: 'file:git:http:https:ssh',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'protocol.file.allow',
    GIT_CONFIG_VALUE_0: 'always',
  };
  if (auth?.token) {
    const basic = Buffer.from(`x-access-token:${auth.token}`).toString('base64');
    Object.assign(env, { GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_1: 'http.extraHeader', GIT_CONFIG_VALUE_1: `Authorization: Basic ${basic}` });
  }
  if (auth?.sshKey || isSshUrl(url)) {
    // Paths Berth made (mkdtemp, the data dir): no user text reaches the command git hands to sh.
    const known = auth?.knownHosts ?? path.join(tmp, 'known_hosts');
    if (auth?.knownHosts) await fs.mkdir(path.dirname(known), { recursive: true });
    const args = ['ssh', '-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=accept-new', '-o', `UserKnownHostsFile=${shellQuote(known)}`];
    if (auth?.sshKey) {
      const keyFile = path.join(tmp, 'deploy-key');
      await fs.writeFile(keyFile, auth.sshKey.endsWith('\n') ? auth.sshKey : `${auth.sshKey}\n`, { mode: 0o600 });
      args.push('-o', 'IdentitiesOnly=yes', '-i', shellQuote(keyFile));
    }
    env.GIT_SSH_COMMAND = args.join(' ');
  }
  return env;
}

/** One single-quoted word for the sh that runs GIT_SSH_COMMAND. */
const shellQuote = (p: string) => `'${p.replace(/'/g, `'\\''`)}'`;

/** Git's message without credentials (an extraHeader never appears in git's output; URLs may hold a user:password). */
function cleanError(err: unknown): string {
  const e = err as { stderr?: string; message?: string };
  const text = (e.stderr || e.message || String(err)).replace(/\/\/[^/@\s]+@/g, '//***@');
  // git's closing advice after an ssh failure would push ssh's own reason out of the last lines.
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^(Please make sure you have the correct access rights|and the repository exists\.)$/.test(l));
  return lines.slice(-3).join(' ');
}

/**
 * Fetches one ref of a repository into `dest` (no history kept) and returns the commit id.
 * Runs git on the host with an argument array; nothing reaches a shell.
 */
export async function fetchGit(src: GitSource, dest: string, auth?: GitAuth, timeoutMs = 600_000): Promise<{ commit: string }> {
  validateGitSource(src);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-git-'));
  try {
    const env = await gitEnv(src.url, auth, tmp);
    const git = (args: string[]) => run('git', args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
    await fs.mkdir(dest, { recursive: true });
    await git(['init', '-q', dest]);
    await git(['-C', dest, 'remote', 'add', 'origin', src.url]);
    const ref = src.ref || 'HEAD';
    try {
      await git(['-C', dest, 'fetch', '-q', '--depth', '1', 'origin', ref]);
    } catch (shallow) {
      // A bare commit id is not always fetchable by itself: fetch everything, then look it up.
      if (!/^[0-9a-f]{7,40}$/.test(ref)) throw shallow;
      await git(['-C', dest, 'fetch', '-q', 'origin']);
      await git(['-C', dest, 'update-ref', 'FETCH_HEAD', ref]);
    }
    await git(['-C', dest, 'checkout', '-q', '--detach', 'FETCH_HEAD']);
    const { stdout } = await git(['-C', dest, 'rev-parse', 'HEAD']);
    await fs.rm(path.join(dest, '.git'), { recursive: true, force: true });
    return { commit: stdout.trim() };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('VALIDATION', `git: cannot fetch ${src.ref || 'the default branch'} of ${src.url.replace(/\/\/[^/@\s]+@/, '//***@')}: ${cleanError(err)}`, {
      gitUrl: ['cannot be fetched'],
    });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
