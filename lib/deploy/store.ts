import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '@/lib/env';

/**
 * Content-addressed files of the deploy pipeline under the data dir: uploaded sources, built
 * artifacts (tar of the deployFiles selection) and per-service build caches.
 */
export type BlobKind = 'sources' | 'artifacts';

export const deployDir = () => path.join(dataDir, 'deploy');
export const blobPath = (kind: BlobKind, digest: string) => {
  if (!/^[a-f0-9]{64}$/.test(digest)) throw new Error(`not a sha256 digest: ${digest}`);
  return path.join(deployDir(), kind, digest);
};
/** The ssh host keys a service's Git sources showed first (pinned: a changed key is refused). */
export const knownHostsPath = (serviceId: string) => path.join(deployDir(), 'known-hosts', serviceId);
export const cachePath = (serviceId: string) => path.join(deployDir(), 'cache', `${serviceId}.tar`);

export function sha256(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** Stores `data` under its digest (written once, atomically) and returns the digest. */
export async function putBlob(kind: BlobKind, data: Buffer): Promise<string> {
  const digest = sha256(data);
  const file = blobPath(kind, digest);
  if (fs.existsSync(file)) return digest;
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  await fsp.writeFile(tmp, data);
  await fsp.rename(tmp, file);
  return digest;
}

export async function readBlob(kind: BlobKind, digest: string): Promise<Buffer> {
  return fsp.readFile(blobPath(kind, digest));
}

export async function removeBlob(kind: BlobKind, digest: string): Promise<void> {
  await fsp.rm(blobPath(kind, digest), { force: true });
}

/** Writes a file atomically (the build cache: one per service, replaced after each build). */
export async function writeAtomic(file: string, data: Buffer): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fsp.writeFile(tmp, data);
  await fsp.rename(tmp, file);
}
