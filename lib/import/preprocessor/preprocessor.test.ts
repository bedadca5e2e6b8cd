import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { argon2Verify } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { isPreprocessed, newScope, preprocessValue, PreprocessError } from '.';

const run = (v: string, scope = newScope(new Date('2022-11-03T12:32:35.5Z'))) => preprocessValue(v, scope);
const fails = async (v: string) => {
  try {
    await run(v);
  } catch (err) {
    if (err instanceof PreprocessError) return { message: err.message, offset: err.offset };
    throw err;
  }
  throw new Error(`${v} did not fail`);
};

describe('preprocessor', () => {
  it('recognises the header on the first line only', () => {
    expect(isPreprocessed('#yamlPreprocessor=on\nproject: {}')).toBe(true);
    expect(isPreprocessed('project: {}\n#yamlPreprocessor=on')).toBe(false);
  });

  it('generates random strings of the documented alphabet and length, different each time', async () => {
    const a = await run('<@generateRandomString(<64>)>');
    const b = await run('<@generateRandomString(<64>)>');
    expect(a).toMatch(/^[a-zA-Z0-9_.-]{64}$/);
    expect(a).not.toBe(b);
    expect(await run('x-<@generateRandomString(<5>)>-y')).toMatch(/^x-[a-zA-Z0-9_.-]{5}-y$/);
  });

  it('keeps variables across values, with getVar, setVar and the Var generators', async () => {
    const scope = newScope();
    const pw = await run('<@generateRandomStringVar(<pw>, <30>)>', scope);
    expect(await run('<@getVar(pw)>', scope)).toBe(pw);
    expect(await run('<@getVar(pw) | sha256>', scope)).toMatch(/^[0-9a-f]{64}$/);
    expect(await run('<@setVar(<name>, <normal <THAT IS LOWER| lower> text>)>', scope)).toBe('normal that is lower text');
    expect(await run('<@pickRandom(<one>, name)>', scope)).toMatch(/^(one|normal that is lower text)$/);
  });

  it('applies every modifier', async () => {
    expect(await run('<sTATic StrINg wiTH a mOdifIER| upper>')).toBe('STATIC STRING WITH A MODIFIER');
    expect(await run('<sTATic StrINg| lower>')).toBe('static string');
    expect(await run('<sTATic StrINg wiTH a mOdifIER| title>')).toBe('Static String With A Modifier');
    expect(await run('<as is|noop>')).toBe('as is');
    expect(await run('<abc|sha256>')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await run('<abc|sha512>')).toMatch(/^ddaf35a193617aba/);
    expect(await run('<AB|toHex>')).toBe('4142');
    expect(await run('<text|toString>')).toBe('text');
    expect(await run('<@generateRandomBytes(<16>)|toHex>')).toMatch(/^[0-9a-f]{32}$/);
    expect(await run('<@generateRandomBytes(<16>)|toString>')).toMatch(/^[a-zA-Z0-9_.-]{16}$/);
    expect(await bcrypt.compare('secret', await run('<secret|bcrypt>'))).toBe(true);
    const argon = await run('<secret|argon2id>');
    expect(argon).toMatch(/^\$argon2id\$v=19\$m=65536,t=2,p=2\$/);
    expect(await argon2Verify({ password: 'secret', hash: argon })).toBe(true);
    expect(await run('<My normal <And My NeStED| upper> strings| sha256>')).toBe('57193af2e03136a21a6a88aace7a5ec5260689665a46b4eca5074656ac67a949');
  }, 30_000);

  it('keeps static spaces, trims around function modifiers, and honours escapes', async () => {
    expect(await run('This is < my string | upper>.')).toBe('This is  MY STRING .');
    expect(await run('This is <my string| upper>.')).toBe('This is MY STRING.');
    expect(await run('<@pickRandom(<x>) | upper >')).toBe('X');
    expect(await run('\\<@generateRandomString(\\<10\\>)\\>')).toBe('<@generateRandomString(<10>)>');
    expect(await run('a\\\\b')).toBe('a\\b');
  });

  it('generates integers in range and formats the date', async () => {
    for (let i = 0; i < 50; i++) {
      const n = Number(await run('<@generateRandomInt(<-3>, <3>)>'));
      expect(n).toBeGreaterThanOrEqual(-3);
      expect(n).toBeLessThanOrEqual(3);
    }
    expect(await run('<@getDatetime(<DD.MM.YYYY HH:mm:ss>)>')).toBe('03.11.2022 12:32:35');
    expect(await run('<@getDatetime(<dddd D MMMM YY, h a, DDDD>)>')).toBe('Thursday 3 November 22, 12 pm, 307');
  });

  it('generates key pairs that ssh-keygen and node accept, stored under the four names', async () => {
    const scope = newScope();
    const pub = await run('<@generateED25519Key(<k>)>', scope);
    expect(pub).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(await run('<@getVar(kPrivate)>', scope)).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const sshPub = await run('<@getVar(kPublicSsh)>', scope);
    const sshPriv = await run('<@getVar(kPrivateSsh)>', scope);
    const dir = mkdtempSync(join(tmpdir(), 'berth-key-'));
    try {
      const file = join(dir, 'id');
      writeFileSync(file, `${sshPriv}\n`, { mode: 0o600 });
      expect(execFileSync('ssh-keygen', ['-y', '-f', file]).toString().trim()).toBe(sshPub);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await run('<@generateRSA4096Key(<r>)>', scope)).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(await run('<@getVar(rPublicSsh)>', scope)).toMatch(/^ssh-rsa AAAAB3NzaC1yc2E/);
  }, 30_000);

  it('refuses malformed expressions and unknown names with the offset', async () => {
    expect(await fails('<@nope(<1>)>')).toEqual({ message: expect.stringContaining('unknown function "nope"'), offset: 0 });
    expect(await fails('ab <@generateRandomString(<20>)')).toEqual({ message: expect.stringContaining('expected ">"'), offset: 31 });
    expect(await fails('abc <def')).toEqual({ message: expect.stringContaining('unterminated'), offset: 4 });
    expect((await fails('<x|shout>')).message).toContain('unknown modifier "shout"');
    expect((await fails('<@generateRandomString(20)>')).message).toContain('variable "20" is not set');
    expect((await fails('<@generateRandomString(<1>, <2>)>')).message).toContain('takes 1 argument');
    expect((await fails('<@generateRandomString(<5000>)>')).message).toContain('1 to 1024');
    expect((await fails('<@getVar(missing)>')).message).toContain('"missing" is not set');
    expect(await run('a > b')).toBe('a > b'); // a ">" outside an expression is text
  });
});
