import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './callback-url';

describe('safeCallbackUrl', () => {
  it.each([
    ['/projects/abc?tab=env', '/projects/abc?tab=env'],
    ['/account', '/account'],
    ['/%5Cevil', '/%5Cevil'],
  ])('keeps a local path %s', (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });

  it.each([undefined, '', 'https://evil.example/x', '//evil.example', '/\\evil.example', ' /x', 'javascript:alert(1)', '/sign-in', '/setup?x=1'])(
    'falls back for %s',
    (input) => {
      expect(safeCallbackUrl(input)).toBe('/projects');
    },
  );
});
