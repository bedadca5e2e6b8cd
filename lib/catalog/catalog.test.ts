import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assertModeAllowed, getCatalogEntry, imageFor, listCatalog, resolveTypeVersion } from './index';
import type { GenerateContext } from './types';

const entrySchema = z.object({
  type: z.string().regex(/^[a-z][a-z0-9-]*$/),
  displayName: z.string().min(1),
  category: z.enum(['database', 'search', 'broker', 'runtime', 'static', 'linux', 'storage']),
  managed: z.enum(['full', 'partial']),
  versions: z.array(z.object({ version: z.string().min(1), images: z.object({ local: z.string().optional(), official: z.string().optional() }) })).min(1),
  ports: z.array(z.object({ port: z.number().int().min(10).max(65435), protocol: z.enum(['tcp', 'udp']), http: z.boolean(), name: z.string() })),
  volumes: z.array(z.object({ name: z.string(), mountPath: z.string().startsWith('/') })),
  resources: z.object({ cpu: z.number().positive(), memoryMb: z.number().int().positive() }),
  scaling: z.object({ min: z.number().int().min(1), max: z.number().int().max(10) }),
});

const ctx = (mode: 'HA' | 'NON_HA' = 'NON_HA'): GenerateContext => ({
  hostname: 'db',
  serviceId: 's1',
  projectId: 'p1',
  mode,
  password: () => 'Pw' + randomBytes(8).toString('hex'),
});
const values = (vars: Record<string, { value: string }>) => Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.value]));

describe('catalog', () => {
  it.each(listCatalog().map((e) => [e.type, e] as const))('%s is well-formed; each image source has it or says why not', (_t, entry) => {
    expect(() => entrySchema.parse(entry)).not.toThrow();
    for (const v of entry.versions) {
      if (v.images.local) expect(v.images.local).toMatch(/^berth\//);
      else expect(entry.sourceNotes?.local).toBeTruthy();
      if (!v.images.official) expect(entry.sourceNotes?.official).toBeTruthy();
    }
    const vars = values(entry.generate(ctx()));
    expect(vars).toMatchObject({ hostname: 'db', serviceId: 's1', projectId: 'p1' });
    const source = entry.versions[0]!.images.local ? 'local' : 'official';
    const containers = entry.containersFor({ hostname: 'db', version: entry.versions[0]!.version, mode: 'NON_HA', containerCount: 1, source, generated: vars });
    expect(containers.length).toBeGreaterThanOrEqual(1);
    expect(containers.filter((c) => c.serviceAlias).length).toBeGreaterThanOrEqual(1);
  });

  it('builds the PostgreSQL connectionString from user, password, hostname, port and dbName', () => {
    const v = values(getCatalogEntry('postgresql').generate(ctx()));
    const url = new URL(v.connectionString!);
    expect(url.protocol).toBe('postgresql:');
    expect(decodeURIComponent(url.username)).toBe(v.user);
    expect(decodeURIComponent(url.password)).toBe(v.password);
    expect(url.hostname).toBe('db');
    expect(url.port).toBe(v.port);
    expect(url.pathname).toBe(`/${v.dbName}`);
    expect(v.password!.length).toBeGreaterThanOrEqual(12);
  });

  it('marks passwords and connection strings secret', () => {
    const gen = getCatalogEntry('mariadb').generate(ctx());
    expect(gen.password?.secret).toBe(true);
    expect(gen.connectionString?.secret).toBe(true);
    expect(gen.port?.secret).toBe(false);
    expect(gen.connectionString?.value).toMatch(/^mysql:\/\/db:.+@db:3306\/db$/);
  });

  it('has the documented HA topologies', () => {
    const count = (type: string, role: string) => getCatalogEntry(type).ha?.roles.find((r) => r.role === role)?.count;
    expect([count('postgresql', 'primary'), count('postgresql', 'replica')]).toEqual([1, 2]);
    expect([count('redis', 'primary'), count('redis', 'replica'), count('redis', 'sentinel')]).toEqual([1, 2, 3]);
    expect([count('mariadb', 'node'), count('mariadb', 'proxy')]).toEqual([3, 2]);
    expect(count('rabbitmq', 'node')).toBe(3);
    const pgHa = getCatalogEntry('postgresql').containersFor({ hostname: 'db', version: '15', mode: 'HA', containerCount: 1, source: 'local', generated: values(getCatalogEntry('postgresql').generate(ctx('HA'))) });
    expect(pgHa.map((c) => c.role)).toEqual(['primary', 'replica', 'replica']);
    expect(getCatalogEntry('nodejs').ha).toBeNull();
  });

  it('resolves type@version and refuses unknown ones naming what exists', () => {
    expect(resolveTypeVersion('postgresql@15').version).toBe('15');
    expect(resolveTypeVersion('postgresql').version).toBe('15');
    expect(resolveTypeVersion('nodejs@18.19').version).toBe('18');
    expect(() => resolveTypeVersion('postgresql@99')).toThrow(/Available: postgresql@15/);
    expect(() => resolveTypeVersion('oracle@23')).toThrow(/Unknown service type "oracle". Available: postgresql/);
  });

  it('refuses HA where there is none or not yet, naming the types that have it', () => {
    expect(() => assertModeAllowed(getCatalogEntry('nodejs'), 'HA')).toThrow(/has no HA mode. HA is available for: postgresql, redis/);
    expect(() => assertModeAllowed(getCatalogEntry('mariadb'), 'HA')).toThrow(/HA is not yet available for MariaDB/);
    expect(() => assertModeAllowed(getCatalogEntry('postgresql'), 'HA')).not.toThrow();
  });

  it('names the image per source', () => {
    const pg = getCatalogEntry('postgresql');
    expect(imageFor(pg, '15', 'local')).toBe('berth/postgresql:15');
    expect(imageFor(pg, '15', 'official')).toBe('postgres:15');
    expect(() => imageFor(pg, '16', 'local')).toThrow(/cannot provide postgresql@16. It can: postgresql@15/);
  });

  it('official Redis images never get the password on a command line (it goes through a config file)', () => {
    const entry = getCatalogEntry('redis');
    const password = 'pw-Zq8xSECRET';
    for (const mode of ['NON_HA', 'HA'] as const) {
      const version = entry.versions.find((v) => v.images.official)!.version;
      const templates = entry.containersFor({ hostname: 'kv', version, mode, containerCount: 1, source: 'official', generated: { password } });
      for (const t of templates) {
        expect({ role: t.role, cmd: (t.cmd ?? []).join(' ') }).toEqual({ role: t.role, cmd: expect.not.stringContaining(password) });
        expect(t.env.REDIS_PASSWORD).toBe(password);
      }
    }
  });
});
