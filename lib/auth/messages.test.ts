import { describe, expect, it } from 'vitest';
import { BAD_CREDENTIALS, signInErrorMessage, tooManyAttempts } from './messages';

describe('sign-in messages', () => {
  it('say how many minutes to wait, rounded up, at least one', () => {
    expect(tooManyAttempts(15 * 60_000)).toBe('Too many failed sign-in attempts. Try again in 15 minutes.');
    expect(tooManyAttempts(61_000)).toBe('Too many failed sign-in attempts. Try again in 2 minutes.');
    expect(tooManyAttempts(5_000)).toBe('Too many failed sign-in attempts. Try again in 1 minute.');
  });

  it('the form shows only our messages; anything else from next-auth is the generic one', () => {
    expect(signInErrorMessage(tooManyAttempts(60_000))).toMatch(/^Too many/);
    for (const other of ['CredentialsSignin', 'Error: connect ECONNREFUSED 127.0.0.1:5432', '', null, undefined]) {
      expect(signInErrorMessage(other)).toBe(BAD_CREDENTIALS);
    }
  });
});
