import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '@/lib/errors';

const run = promisify(execFile);
const sshEnv: NodeJS.ProcessEnv = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: os.tmpdir(), NODE_ENV: 'production' };

/** Runs `fn` with a private folder (mode 0700) that is removed afterwards, whatever happens. */
async function withTmp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-key-'));
  try {
    return await fn(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * A new Ed25519 deploy key in OpenSSH format (ssh-keygen on the host, argument array, no
 * passphrase): the private key to store encrypted and the public line to give the Git host.
 */
export async function generateDeployKey(comment: string): Promise<{ privateKey: string; publicKey: string }> {
  if (!/^[A-Za-z0-9@._-]{1,100}$/.test(comment)) throw new Error(`not a key comment: ${comment}`);
  return withTmp(async (dir) => {
    const file = path.join(dir, 'key');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file], { env: sshEnv, timeout: 30_000 });
    const [privateKey, publicKey] = await Promise.all([fs.readFile(file, 'utf8'), fs.readFile(`${file}.pub`, 'utf8')]);
    return { privateKey, publicKey: publicKey.trim() };
  });
}

/** The public line (`ssh-ed25519 AAAA… comment`) of a stored private key. */
export async function publicKeyOf(privateKey: string): Promise<string> {
  return withTmp(async (dir) => {
    const file = path.join(dir, 'key');
    await fs.writeFile(file, privateKey.endsWith('\n') ? privateKey : `${privateKey}\n`, { mode: 0o600 });
    try {
      const { stdout } = await run('ssh-keygen', ['-y', '-P', '', '-f', file], { env: sshEnv, timeout: 30_000 });
      return stdout.trim();
    } catch {
      // ssh-keygen's message could quote the key file; say only what is wrong.
      throw new AppError('VALIDATION', 'sshKey: not an OpenSSH private key without a passphrase', { sshKey: ['not an OpenSSH private key without a passphrase'] });
    }
  });
}
