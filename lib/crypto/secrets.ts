import crypto from 'node:crypto';
import { env } from '@/lib/env';
import { persistentSecret } from './keys';

/**
 * AES-256-GCM for values at rest. Format: `v1:<iv b64>:<tag b64>:<ciphertext b64>`.
 * The key comes from BERTH_SECRET_KEY or is generated into the data directory on first run.
 */
let cachedKey: Buffer | undefined;
function key(): Buffer {
  cachedKey ??= persistentSecret('secret.key', env.BERTH_SECRET_KEY);
  return cachedKey;
}

export function encryptSecret(plain: string, withKey: Buffer = key()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', withKey, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
}

export function decryptSecret(stored: string, withKey: Buffer = key()): string {
  const [version, iv, tag, data] = stored.split(':');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unrecognised encrypted value');
  const decipher = crypto.createDecipheriv('aes-256-gcm', withKey, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
}

/** Strong random password of URL-safe characters (no escaping needed in connection strings). */
export function randomPassword(length = 24): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const out: string[] = [];
  while (out.length < length) {
    for (const b of crypto.randomBytes(length)) {
      if (b < 256 - (256 % alphabet.length) && out.length < length) out.push(alphabet[b % alphabet.length]!);
    }
  }
  return out.join('');
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** A stable keyed digest of `text` (HMAC-SHA-256 with the secret key, hex): tokens Berth can recompute. */
export function keyedDigest(text: string, withKey: Buffer = key()): string {
  return crypto.createHmac('sha256', withKey).update(text).digest('hex');
}
