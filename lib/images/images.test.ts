import { describe, expect, it } from 'vitest';
import { baseHash, basePackages, resolveDockerfile, typeImages } from './definitions';
import { hostMirror, parseDeb822, parseOneLine } from './mirror';

describe('apt sources → mirror', () => {
  it('reads one-line sources, skipping comments, deb-src and [options]', () => {
    const sources = parseOneLine(
      [
        '# deb http://old.example/debian bookworm main',
        'deb-src http://src.example/debian bookworm main',
        'deb [arch=amd64 signed-by=/k.gpg] http://m.example/debian/ bookworm main contrib',
      ].join('\n'),
    );
    expect(sources).toEqual([
      { uri: 'http://m.example/debian/', suites: ['bookworm'], components: ['main', 'contrib'] },
    ]);
    expect(hostMirror('bookworm', sources)).toBe('http://m.example/debian');
  });

  it('reads deb822 stanzas and picks the one serving the suite with main', () => {
    const sources = parseDeb822(
      [
        'Types: deb',
        '# a comment line',
        'URIs: http://deb.example/debian',
        'Suites: bookworm bookworm-updates',
        'Components: main',
        '',
        'Types: deb',
        'URIs: http://deb.example/debian-security',
        'Suites: bookworm-security',
        'Components: main',
        '',
        'Types: deb',
        'Enabled: no',
        'URIs: http://off.example/debian',
        'Suites: trixie',
        'Components: main',
      ].join('\n'),
    );
    expect(sources.map((s) => s.uri)).toEqual([
      'http://deb.example/debian',
      'http://deb.example/debian-security',
    ]);
    expect(hostMirror('bookworm', sources)).toBe('http://deb.example/debian');
    expect(() => hostMirror('trixie', sources)).toThrow(
      /no apt source for Debian trixie main.*found: http:\/\/deb.example\/debian bookworm,bookworm-updates/,
    );
  });

  it('finds a bookworm mirror on this host', () => {
    expect(hostMirror('bookworm')).toMatch(/^https?:\/\//);
  });
});

describe('image definitions', () => {
  it('substitutes the real base for FROM berth-base and refuses any other base', () => {
    expect(resolveDockerfile('# comment\nFROM berth-base\nCOPY a /a\n', 'x', 'berth/base:abc')).toBe(
      '# comment\nFROM berth/base:abc\nCOPY a /a\n',
    );
    expect(() => resolveDockerfile('FROM debian:12\n', 'x', 'berth/base:abc')).toThrow(
      /images\/x\/Dockerfile must build FROM berth-base/,
    );
    expect(() => resolveDockerfile('FROM berth-base-2\n', 'x', 'berth/base:abc')).toThrow(/FROM berth-base/);
  });

  it('builds every image directory with a Dockerfile, named berth/* with at least one tag', () => {
    const images = typeImages();
    expect(images.map((i) => i.dir)).toEqual(
      expect.arrayContaining([
        'postgresql',
        'mariadb',
        'redis',
        'rabbitmq',
        'nginx',
        'nodejs',
        'php',
        'python',
        'go',
        'linux',
      ]),
    );
    expect(images.map((i) => i.dir)).not.toContain('base');
    for (const image of images) {
      expect(image.repo).toMatch(/^berth\/[a-z0-9-]+$/);
      expect(image.tags.length).toBeGreaterThan(0);
    }
    expect(new Set(images.flatMap((i) => i.tags.map((t) => `${i.repo}:${t}`))).size).toBe(
      images.reduce((n, i) => n + i.tags.length, 0),
    );
  });

  it('has one package list with what the catalog and its clients need, and a stable hash', () => {
    const packages = basePackages();
    for (const p of [
      'postgresql',
      'mariadb-server',
      'redis-server',
      'redis-sentinel',
      'rabbitmq-server',
      'nginx-full',
      'nodejs',
      'php-fpm',
      'python3',
      'golang-go',
      'tini',
      'python3-amqp',
      'curl',
    ]) {
      expect(packages).toContain(p);
    }
    expect(packages.some((p) => p.includes('#') || p.includes(' '))).toBe(false);
    expect(baseHash()).toMatch(/^[0-9a-f]{12}$/);
    expect(baseHash()).toBe(baseHash());
  });
});
