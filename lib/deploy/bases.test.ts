import { describe, expect, it } from 'vitest';
import { baseImage } from './bases';

describe('zerops.yml base images', () => {
  it('takes the exact version, else the newest of the same major, else the default with a note', () => {
    expect(baseImage('php-apache@8.4', 'run.base')).toMatchObject({ type: 'php-apache', image: 'berth/php-apache:8.4', note: undefined });
    expect(baseImage('php@8.4', 'build.base')).toMatchObject({ type: 'php-nginx', image: 'berth/php-nginx:8.4', note: undefined });
    expect(baseImage('php@8.3', 'build.base')).toMatchObject({ image: 'berth/php-nginx:8.4', note: undefined });
    expect(baseImage('bun@1.1', 'build.base')).toMatchObject({ type: 'bun', image: 'berth/bun:1' });
    expect(baseImage('deno@2', 'run.base')).toMatchObject({ type: 'deno', image: 'berth/deno:2' });
    expect(baseImage('nodejs@16', 'run.base')).toMatchObject({ image: 'berth/nodejs:18', note: expect.stringMatching(/nodejs 18, which is used instead/) });
  });

  it('refuses an unknown base naming the field and the known ones', () => {
    expect(() => baseImage('cobol@1', 'build.base')).toThrow(/^zerops\.yml build\.base: unknown base "cobol@1" \(known: nodejs, bun, deno,/);
  });
});
