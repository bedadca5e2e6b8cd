import { randomBytes, randomInt } from 'node:crypto';
import { formatDatetime } from './datetime';
import { ed25519Key, rsa4096Key } from './keys';

/** A value during evaluation: text, or raw bytes (from generateRandomBytes) until a modifier renders them. */
export interface Value {
  text: string;
  bytes?: Buffer;
}
export const text = (t: string): Value => ({ text: t });

export class EvalError extends Error {}

/** The documented alphabet of generated strings: a-z, A-Z, 0-9, `_`, `-`, `.` (64 characters). */
export const RANDOM_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.';
export const MAX_RANDOM_LENGTH = 1024;

/** Bytes → characters of the alphabet (6 bits each, so every character is equally likely). */
export const bytesToAlphabet = (bytes: Buffer) => [...bytes].map((b) => RANDOM_ALPHABET[b & 63]).join('');

export interface Scope {
  vars: Map<string, string>;
  now: Date;
}

/** How an argument is read: `name` params take a bare word as the name itself instead of a variable. */
export interface FunctionDef {
  /** Exact argument count, or [min, max]. */
  arity: number | [number, number];
  nameParam?: boolean;
  call(args: Value[], scope: Scope): Value;
}

function int(v: Value, what: string): number {
  if (!/^-?\d+$/.test(v.text.trim())) throw new EvalError(`${what} must be a whole number, got "${v.text}"`);
  return Number(v.text.trim());
}

function length(v: Value): number {
  const n = int(v, 'the length');
  if (n < 1 || n > MAX_RANDOM_LENGTH) throw new EvalError(`the length must be 1 to ${MAX_RANDOM_LENGTH}, got ${n}`);
  return n;
}

const randomString = (n: number) => bytesToAlphabet(randomBytes(n));

function storeKey(name: string, parts: Record<string, string | undefined>, scope: Scope): Value {
  for (const [suffix, value] of Object.entries(parts)) if (value !== undefined) scope.vars.set(`${name}${suffix}`, value);
  return text(parts.Public!);
}

export const FUNCTIONS: Record<string, FunctionDef> = {
  generateRandomString: { arity: 1, call: ([n]) => text(randomString(length(n!))) },
  generateRandomStringVar: {
    arity: 2,
    nameParam: true,
    call: ([name, n], scope) => {
      const value = randomString(length(n!));
      scope.vars.set(name!.text, value);
      return text(value);
    },
  },
  generateRandomInt: {
    arity: 2,
    call: ([a, b]) => {
      const min = int(a!, 'min'), max = int(b!, 'max');
      if (max <= min) throw new EvalError(`max (${max}) must be bigger than min (${min})`);
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max - min >= 2 ** 48) throw new EvalError('the range must be smaller than 2^48');
      return text(String(randomInt(min, max + 1)));
    },
  },
  generateRandomBytes: { arity: 1, call: ([n]) => ({ text: '', bytes: randomBytes(length(n!)) }) },
  pickRandom: {
    arity: [1, 1000],
    call: (args) => args[randomInt(args.length)]!,
  },
  getDatetime: { arity: 1, call: ([f], scope) => text(formatDatetime(f!.text, scope.now)) },
  setVar: {
    arity: 2,
    nameParam: true,
    call: ([name, v], scope) => {
      scope.vars.set(name!.text, render(v!));
      return text(render(v!));
    },
  },
  getVar: {
    arity: 1,
    nameParam: true,
    call: ([name], scope) => {
      const v = scope.vars.get(name!.text);
      if (v === undefined) throw new EvalError(`variable "${name!.text}" is not set (setVar, generateRandomStringVar and the key generators set variables)`);
      return text(v);
    },
  },
  generateED25519Key: { arity: 1, nameParam: true, call: ([name], scope) => storeKey(name!.text, { ...ed25519Key() }, scope) },
  generateRSA4096Key: { arity: 1, nameParam: true, call: ([name], scope) => storeKey(name!.text, { ...rsa4096Key() }, scope) },
};

/** The text of a value; raw bytes render as hex. */
export const render = (v: Value) => (v.bytes ? v.bytes.toString('hex') : v.text);
