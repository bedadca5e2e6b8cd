import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { unzipSync, type UnzipFileInfo } from 'fflate';
import tar from 'tar-stream';
import { AppError } from '@/lib/errors';

/** An uploaded source archive: tar.gz (or plain tar) or zip, unpacked safely into a directory. */
export interface ExtractLimits {
  /** Total unpacked bytes. */
  maxBytes: number;
  maxEntries: number;
}

const bad = (rule: string) => new AppError('VALIDATION', `archive: ${rule}`, { archive: [rule] });

/** The entry's path inside `root`, refusing absolute paths and `..` segments. */
export function safeEntryPath(root: string, name: string): string | null {
  const clean = name.replace(/\\/g, '/');
  if (clean.startsWith('/') || /^[A-Za-z]:/.test(clean)) throw bad(`entry "${name}" has an absolute path`);
  const parts = clean.split('/').filter((p) => p && p !== '.');
  if (parts.includes('..')) throw bad(`entry "${name}" leaves the archive's folder (..)`);
  if (parts.length === 0) return null;
  return path.join(root, ...parts);
}

/** A link target must resolve inside the tree. */
function checkLink(root: string, at: string, target: string, name: string): void {
  if (path.isAbsolute(target)) throw bad(`link "${name}" points outside the archive (${target})`);
  const resolved = path.resolve(path.dirname(at), target);
  if (resolved !== root && !resolved.startsWith(root + path.sep)) throw bad(`link "${name}" points outside the archive (${target})`);
}

export type ArchiveKind = 'tar.gz' | 'tar' | 'zip';

export function detectArchive(head: Buffer): ArchiveKind | null {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'zip';
  if (head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  return null;
}

async function extractTar(data: Buffer, gz: boolean, root: string, limits: ExtractLimits): Promise<void> {
  const extract = tar.extract();
  let bytes = 0;
  let entries = 0;
  type Entry = AsyncIterable<unknown> & { on(event: string, fn: (arg?: unknown) => void): unknown; resume(): unknown };
  const drain = (stream: Entry) =>
    new Promise<void>((resolve, reject) => {
      stream.on('end', () => resolve());
      stream.on('error', (err) => reject(err instanceof Error ? err : new Error(String(err))));
      stream.resume();
    });
  const handle = async (header: tar.Header, stream: Entry): Promise<void> => {
    if (++entries > limits.maxEntries) throw bad(`more than ${limits.maxEntries} entries`);
    const at = safeEntryPath(root, header.name);
    if (!at) return drain(stream);
    switch (header.type) {
      case 'directory':
        await fs.mkdir(at, { recursive: true });
        return drain(stream);
      case 'file':
      case 'contiguous-file': {
        bytes += header.size ?? 0;
        if (bytes > limits.maxBytes) throw bad(`unpacks to more than ${Math.round(limits.maxBytes / 1048576)} MiB (the size limit)`);
        await fs.mkdir(path.dirname(at), { recursive: true });
        const file = await fs.open(at, 'w', (header.mode ?? 0o644) & 0o755);
        try {
          for await (const chunk of stream) await file.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
        } finally {
          await file.close();
        }
        return;
      }
      case 'symlink':
        checkLink(root, at, header.linkname ?? '', header.name);
        await fs.mkdir(path.dirname(at), { recursive: true });
        await fs.rm(at, { force: true, recursive: true });
        await fs.symlink(header.linkname ?? '', at);
        return drain(stream);
      case 'link': {
        const target = safeEntryPath(root, header.linkname ?? '');
        if (!target) throw bad(`link "${header.name}" has no target`);
        await fs.mkdir(path.dirname(at), { recursive: true });
        await fs.copyFile(target, at);
        return drain(stream);
      }
      default:
        throw bad(`entry "${header.name}" is a ${header.type}, which an app archive cannot hold`);
    }
  };
  extract.on('entry', (header, stream, next) => {
    handle(header, stream).then(
      () => next(),
      (err: unknown) => {
        stream.on('error', () => {});
        stream.resume();
        extract.destroy(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
  const source = Readable.from([data]);
  try {
    if (gz) await pipeline(source, createGunzip(), extract);
    else await pipeline(source, extract);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw bad(`not a readable ${gz ? 'tar.gz' : 'tar'} (${(err as Error).message})`);
  }
}

async function extractZip(data: Buffer, root: string, limits: ExtractLimits): Promise<void> {
  let bytes = 0;
  let entries = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data, {
      filter: (f: UnzipFileInfo) => {
        if (++entries > limits.maxEntries) throw bad(`more than ${limits.maxEntries} entries`);
        safeEntryPath(root, f.name);
        bytes += f.originalSize;
        if (bytes > limits.maxBytes) throw bad(`unpacks to more than ${Math.round(limits.maxBytes / 1048576)} MiB (the size limit)`);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw bad(`not a readable zip (${(err as Error).message})`);
  }
  for (const [name, content] of Object.entries(files)) {
    const at = safeEntryPath(root, name);
    if (!at) continue;
    if (name.endsWith('/')) {
      await fs.mkdir(at, { recursive: true });
      continue;
    }
    await fs.mkdir(path.dirname(at), { recursive: true });
    await fs.writeFile(at, content);
  }
}

/** Unpacks `data` into the empty directory `root`; throws a VALIDATION error naming the rule broken. */
export async function extractArchive(data: Buffer, root: string, limits: ExtractLimits): Promise<ArchiveKind> {
  const kind = detectArchive(data.subarray(0, 512));
  if (!kind) throw bad('must be a tar.gz, tar or zip file');
  await fs.mkdir(root, { recursive: true });
  if (kind === 'zip') await extractZip(data, root, limits);
  else await extractTar(data, kind === 'tar.gz', root, limits);
  return kind;
}
