import { describe, expect, it } from 'vitest';
import { isSshUrl, validateGitSource } from './git';

describe('Git source URLs', () => {
  it('ssh:// and scp-like URLs go through ssh; the others do not', () => {
    expect(isSshUrl('ssh://git@github.com/acme/app.git')).toBe(true);
    expect(isSshUrl('git@github.com:acme/app.git')).toBe(true);
    expect(isSshUrl('https://github.com/acme/app.git')).toBe(false);
    expect(isSshUrl('git://127.0.0.1/app.git')).toBe(false);
    expect(isSshUrl('/srv/git/app.git')).toBe(false);
  });

  it('refuses a URL with spaces or an option-like ref, naming the field', () => {
    expect(() => validateGitSource({ url: 'ssh://git@host/a b.git' })).toThrow(/^gitUrl: /);
    expect(() => validateGitSource({ url: 'git@host:a.git', ref: '--upload-pack=x' })).toThrow(/^gitRef: /);
  });
});
