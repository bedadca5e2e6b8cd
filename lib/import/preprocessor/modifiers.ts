import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { argon2id } from 'hash-wasm';
import { bytesToAlphabet, render, text, type Value } from './functions';

const BCRYPT_COST = 11;
/** Argon2id parameters: 64 MiB, 2 iterations, parallelism 2, 16-byte salt, 32-byte hash (PHC string). */
const ARGON = { memorySize: 64 * 1024, iterations: 2, parallelism: 2, hashLength: 32 };

/** Each word: first letter upper case, the rest lower case. */
const title = (s: string) => s.toLowerCase().replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_m, pre: string, ch: string) => pre + ch.toUpperCase());

export const MODIFIERS: Record<string, (v: Value) => Value | Promise<Value>> = {
  sha256: (v) => text(createHash('sha256').update(render(v)).digest('hex')),
  sha512: (v) => text(createHash('sha512').update(render(v)).digest('hex')),
  bcrypt: async (v) => text(await bcrypt.hash(render(v), BCRYPT_COST)),
  argon2id: async (v) => text(await argon2id({ password: render(v), salt: randomBytes(16), ...ARGON, outputType: 'encoded' })),
  upper: (v) => text(render(v).toUpperCase()),
  lower: (v) => text(render(v).toLowerCase()),
  title: (v) => text(title(render(v))),
  noop: (v) => v,
  /** Hex of the raw bytes, or of the UTF-8 text. */
  toHex: (v) => text((v.bytes ?? Buffer.from(v.text)).toString('hex')),
  /** Raw bytes as characters of the random-string alphabet; text stays as it is. */
  toString: (v: Value) => text(v.bytes ? bytesToAlphabet(v.bytes) : v.text),
};
