import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from '@/lib/env';

/**
 * Returns a secret from the environment, or one generated once into the data directory
 * (mode 0600) so a fresh install needs nothing set and keeps working across restarts.
 */
export function persistentSecret(name: string, fromEnv: string | undefined, bytes = 32): Buffer {
  if (fromEnv) return decodeKey(fromEnv, bytes);
  const file = path.join(dataDir, 'keys', name);
  try {
    return decodeKey(fs.readFileSync(file, 'utf8').trim(), bytes);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fresh = crypto.randomBytes(bytes).toString('hex');
  try {
    fs.writeFileSync(file, fresh + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return decodeKey(fs.readFileSync(file, 'utf8').trim(), bytes);
}

function decodeKey(text: string, bytes: number): Buffer {
  if (/^[0-9a-f]+$/i.test(text) && text.length === bytes * 2) return Buffer.from(text, 'hex');
  const b64 = Buffer.from(text, 'base64');
  if (b64.length === bytes) return b64;
  // Any other string: derive a key of the right size from it.
  return crypto.createHash('sha256').update(text).digest().subarray(0, bytes);
}
