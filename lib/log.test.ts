import { describe, expect, it } from 'vitest';
import { redact } from './log';

describe('redact', () => {
  it('hides values of secret-looking keys at any depth', () => {
    const out = redact({ user: 'a', password: 'p', nested: { apiToken: 't', ok: 1 }, list: [{ secret: 's' }] });
    expect(out).toEqual({
      user: 'a',
      password: '[redacted]',
      nested: { apiToken: '[redacted]', ok: 1 },
      list: [{ secret: '[redacted]' }],
    });
  });
});
