import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, randomPassword } from './secrets';

const key = crypto.randomBytes(32);

describe('encryptSecret', () => {
  it('round-trips and never contains the plain value', () => {
    const stored = encryptSecret('hunter2-very-secret', key);
    expect(stored).not.toContain('hunter2');
    expect(decryptSecret(stored, key)).toBe('hunter2-very-secret');
  });

  it('uses a fresh IV each time', () => {
    expect(encryptSecret('same', key)).not.toBe(encryptSecret('same', key));
  });

  it('refuses a value encrypted under another key', () => {
    const stored = encryptSecret('x', key);
    expect(() => decryptSecret(stored, crypto.randomBytes(32))).toThrow();
  });

  it('refuses a tampered value', () => {
    const [v, iv, tag, data] = encryptSecret('payload', key).split(':');
    const flipped = Buffer.from(data!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString('base64')].join(':'), key)).toThrow();
  });
});

describe('randomPassword', () => {
  it('is long, URL-safe and different every time', () => {
    const a = randomPassword();
    expect(a).toHaveLength(24);
    expect(a).toMatch(/^[A-Za-z0-9]+$/);
    expect(randomPassword()).not.toBe(a);
  });
});
