import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { streamToBuffer } from '../build/tools';
import { extractArchive } from './archive';

type E = { name: string; type?: 'file' | 'directory' | 'symlink' | 'link'; body?: string; linkname?: string };
async function tarOf(entries: E[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.type && e.type !== 'file') pack.entry({ name: e.name, type: e.type, linkname: e.linkname });
    else pack.entry({ name: e.name }, e.body ?? '');
  }
  pack.finalize();
  return streamToBuffer(pack, 1 << 24);
}

const dirs: string[] = [];
const fresh = async () => {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-arch-'));
  dirs.push(d);
  return path.join(d, 'out');
};
afterAll(() => Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true }))));
const limits = { maxBytes: 1024 * 1024, maxEntries: 1000 };

describe('extractArchive', () => {
  it('unpacks tar.gz with folders, files and inner links', async () => {
    const out = await fresh();
    const data = gzipSync(await tarOf([{ name: 'app/', type: 'directory' }, { name: 'app/a.txt', body: 'A' }, { name: 'app/l', type: 'symlink', linkname: 'a.txt' }, { name: 'b.txt', body: 'B' }]));
    expect(await extractArchive(data, out, limits)).toBe('tar.gz');
    expect(await fs.readFile(path.join(out, 'app/l'), 'utf8')).toBe('A');
    expect(await fs.readFile(path.join(out, 'b.txt'), 'utf8')).toBe('B');
  });

  it('unpacks zip', async () => {
    const out = await fresh();
    const data = Buffer.from(zipSync({ 'x/y.txt': Buffer.from('Y'), 'z.txt': Buffer.from('Z') }));
    expect(await extractArchive(data, out, limits)).toBe('zip');
    expect(await fs.readFile(path.join(out, 'x/y.txt'), 'utf8')).toBe('Y');
  });

  it.each<[string, () => Promise<Buffer>, RegExp]>([
    ['.. in a tar path', async () => gzipSync(await tarOf([{ name: '../evil', body: 'x' }])), /leaves the archive's folder/],
    ['.. inside a tar path', async () => tarOf([{ name: 'a/../../evil', body: 'x' }]), /leaves the archive's folder/],
    ['absolute tar path', async () => tarOf([{ name: '/etc/evil', body: 'x' }]), /absolute path/],
    ['symlink leaving the tree', async () => tarOf([{ name: 'l', type: 'symlink', linkname: '../../etc/passwd' }]), /points outside the archive/],
    ['absolute symlink', async () => tarOf([{ name: 'l', type: 'symlink', linkname: '/etc/passwd' }]), /points outside the archive/],
    ['.. in a zip path', async () => Buffer.from(zipSync({ '../evil': Buffer.from('x') })), /leaves the archive's folder/],
    ['over the size limit', async () => gzipSync(await tarOf([{ name: 'big', body: 'x'.repeat(2 * 1024 * 1024) }])), /size limit/],
    ['over the size limit (zip)', async () => Buffer.from(zipSync({ big: Buffer.alloc(2 * 1024 * 1024) })), /size limit/],
    ['not an archive', async () => Buffer.from('hello world'), /must be a tar.gz, tar or zip/],
  ])('refuses %s', async (_n, make, message) => {
    const out = await fresh();
    await expect(extractArchive(await make(), out, limits)).rejects.toThrow(message);
    await expect(fs.access(path.join(path.dirname(out), 'evil'))).rejects.toThrow();
  });
});
