import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { dataDir } from '@/lib/env';
import { BackupTampered, decryptStream, encryptStream } from './envelope';

/** Where a backup lives, relative to the data directory. */
export const backupLocation = (projectId: string, backupId: string) => path.join('backups', projectId, `${backupId}.bkp`);
export const absolute = (location: string) => path.join(dataDir, location);
const partial = (file: string) => `${file}.part`;

export const PROGRESS_BYTES = 8 * 1024 * 1024;
export type Progress = (bytes: number) => Promise<void>;

/**
 * Counts (and hashes) the bytes passing through; `progress` runs (and is awaited, holding the stream)
 * every PROGRESS_BYTES.
 */
export function meter(opts: { hash?: boolean; limit?: number; onLimit?: () => Error; progress?: Progress } = {}) {
  const hash = opts.hash ? crypto.createHash('sha256') : undefined;
  const state = { bytes: 0, digest: () => hash?.digest('hex') ?? '' };
  let reported = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      state.bytes += chunk.length;
      if (opts.limit !== undefined && state.bytes > opts.limit) return done(opts.onLimit?.() ?? new Error('too large'));
      hash?.update(chunk);
      if (!opts.progress || state.bytes - reported < PROGRESS_BYTES) return done(null, chunk);
      reported = state.bytes;
      opts.progress(state.bytes).then(
        () => done(null, chunk),
        (err: unknown) => done(err instanceof Error ? err : new Error(String(err))),
      );
    },
  });
  return { stream, state };
}

export interface BackupWriter {
  /** Plain dump bytes go here. */
  input: Transform;
  /** Resolves once the file is complete on disk (renamed into place, fsynced). */
  done(): Promise<{ sizeBytes: number; dumpBytes: number; sha256: string }>;
  /** Removes the partial file after a failure. */
  discard(): Promise<void>;
}

/**
 * Writes an encrypted backup: into `<file>.part`, fsynced, then renamed into place and the directory
 * fsynced. Until done() resolves there is no file under the final name.
 */
export async function openBackupWriter(location: string, key: Buffer, limitBytes: number, overLimit: () => Error, progress?: Progress): Promise<BackupWriter> {
  const file = absolute(location);
  await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const plain = meter({ progress });
  const onDisk = meter({ hash: true, limit: limitBytes, onLimit: overLimit });
  const out = fs.createWriteStream(partial(file), { mode: 0o600 });
  const written = pipeline(plain.stream, encryptStream(key), onDisk.stream, out);
  written.catch(() => {});
  return {
    input: plain.stream,
    async done() {
      await written;
      await fsync(partial(file));
      await fsp.rename(partial(file), file);
      await fsync(path.dirname(file));
      return { sizeBytes: onDisk.state.bytes, dumpBytes: plain.state.bytes, sha256: onDisk.state.digest() };
    },
    async discard() {
      plain.stream.destroy();
      await written.catch(() => {});
      await fsp.rm(partial(file), { force: true });
    },
  };
}

/** Flushes a file (or a directory's entries) to the disk: fsync works on any descriptor of it. */
async function fsync(target: string): Promise<void> {
  const handle = await fsp.open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads the whole file and compares its SHA-256 with the recorded one. */
export async function verifyChecksum(location: string, sha256: string | null): Promise<void> {
  return verifyStream(() => fs.createReadStream(absolute(location)), sha256);
}

/** Reads a whole stream and compares its SHA-256 with the recorded one. */
export async function verifyStream(open: () => Readable | Promise<Readable>, sha256: string | null): Promise<void> {
  const m = meter({ hash: true });
  try {
    await pipeline(await open(), m.stream, async function* (src) {
      for await (const chunk of src) void chunk;
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupTampered('the file is missing');
    throw err;
  }
  if (!sha256 || m.state.digest() !== sha256) throw new BackupTampered('its checksum does not match');
}

/** The decrypted dump as a stream; a tampered chunk makes it fail with BackupTampered. */
export function openDecrypted(location: string, key: Buffer, progress?: Progress): Readable {
  return decryptFrom(fs.createReadStream(absolute(location)), key, progress);
}

/** Decrypts an encrypted backup's bytes from any source (a file, an object store's response). */
export function decryptFrom(source: Readable, key: Buffer, progress?: Progress): Readable {
  const plain = decryptStream(key);
  source.on('error', (err) => plain.destroy(err));
  const out = source.pipe(plain);
  if (!progress) return out;
  const counted = meter({ progress });
  out.on('error', (err) => counted.stream.destroy(err));
  return out.pipe(counted.stream);
}

/** Removes every backup file of a project (its directory under the data directory). */
export async function removeProjectBackups(projectId: string): Promise<void> {
  await fsp.rm(path.join(dataDir, 'backups', projectId), { recursive: true, force: true });
}

export async function removeBackupFile(location: string): Promise<void> {
  const file = absolute(location);
  await fsp.rm(file, { force: true });
  await fsp.rm(partial(file), { force: true });
}
