import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { BackupTampered, CHUNK, decryptStream, encryptStream } from './envelope';

const key = crypto.randomBytes(32);
const seal = (plain: Buffer, k = key) => buffer(Readable.from([plain]).pipe(encryptStream(k)));
const open = (sealed: Buffer, k = key) => buffer(Readable.from([sealed]).pipe(decryptStream(k)));

describe('backup envelope', () => {
  const plain = crypto.randomBytes(CHUNK * 2 + 12345);

  it('round-trips several chunks, an exact multiple of the chunk size and nothing at all', async () => {
    expect((await open(await seal(plain))).equals(plain)).toBe(true);
    const exact = crypto.randomBytes(CHUNK * 2);
    expect((await open(await seal(exact))).equals(exact)).toBe(true);
    expect((await open(await seal(Buffer.alloc(0)))).length).toBe(0);
  });

  it('writes bytes that are not the plain text', async () => {
    const text = Buffer.from('PGDMP secret rows '.repeat(1000));
    const sealed = await seal(text);
    expect(sealed.includes(Buffer.from('secret rows'))).toBe(false);
    expect(sealed.subarray(0, 8).toString()).toBe('BERTHBK1');
  });

  it('refuses another key, a flipped byte, a dropped chunk and a truncated file', async () => {
    const sealed = await seal(plain);
    await expect(open(sealed, crypto.randomBytes(32))).rejects.toBeInstanceOf(BackupTampered);
    const flipped = Buffer.from(sealed);
    flipped[CHUNK + 100] = flipped[CHUNK + 100]! ^ 1;
    await expect(open(flipped)).rejects.toThrow(/chunk 1 does not authenticate/);
    const frame = 4 + CHUNK + 16;
    const dropped = Buffer.concat([sealed.subarray(0, 20), sealed.subarray(20 + frame)]);
    await expect(open(dropped)).rejects.toBeInstanceOf(BackupTampered);
    await expect(open(sealed.subarray(0, 20 + frame * 2))).rejects.toThrow(/ends before its last chunk/);
    await expect(open(Buffer.concat([sealed, sealed.subarray(20)]))).rejects.toThrow(/data after the last chunk/);
  });
});
