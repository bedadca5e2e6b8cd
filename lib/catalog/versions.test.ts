import { describe, expect, it } from 'vitest';
import { findTypeImage } from '@/lib/images/definitions';
import { resolveImportType } from '@/lib/import/type-mapping';
import { getCatalogEntry, imageFor, listCatalog, resolveTypeVersion } from './index';
import type { GenerateContext } from './types';

const ctx: GenerateContext = { hostname: 'files', serviceId: 's1', projectId: 'p1', mode: 'NON_HA', password: () => 'Pw' + Math.random().toString(36).slice(2, 14) };
const values = (vars: Record<string, { value: string }>) => Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.value]));

describe('catalog versions and their local images', () => {
  it.each([
    ['postgresql@17', 'berth/postgresql:17', 'postgres:17'],
    ['mariadb@11.8', 'berth/mariadb:11.8', 'mariadb:11.8'],
    ['valkey@8.1', 'berth/valkey:8.1', 'valkey/valkey:8.1'],
    ['nodejs@20', 'berth/nodejs:20', 'node:20'],
    ['nodejs@22', 'berth/nodejs:22', 'node:22'],
    ['python@3.13', 'berth/python:3.13', 'python:3.13'],
    ['go@1.24', 'berth/go:1.24', 'golang:1.24'],
  ])('%s: local %s (built on first use), official %s', (typeVersion, local, official) => {
    const { entry, version } = resolveTypeVersion(typeVersion);
    expect(imageFor(entry, version, 'local')).toBe(local);
    expect(imageFor(entry, version, 'official')).toBe(official);
    expect(findTypeImage(local)?.onDemand).toBe(true);
  });

  it('every local image of the catalog is declared by an image directory', () => {
    for (const entry of listCatalog('local'))
      for (const v of entry.versions) if (v.images.local) expect(findTypeImage(v.images.local), `${entry.type}@${v.version}`).toBeDefined();
  });

  it('keeps the bookworm versions as the defaults (the image set the tests build)', () => {
    for (const type of ['postgresql', 'mariadb', 'redis', 'nodejs', 'python', 'go'])
      expect(findTypeImage(imageFor(getCatalogEntry(type), resolveTypeVersion(type).version, 'local'))?.onDemand).toBe(false);
  });

  it('maps Zerops names by the nearest-version rule, never silently', () => {
    const valkey = resolveImportType('valkey@7.2', 'local');
    expect(valkey).toMatchObject({ ok: false, rule: 'version', proposal: { version: '8.1' } });
    expect(resolveImportType('valkey@7.2', 'official')).toMatchObject({ ok: true, version: '7.2' });
    expect(resolveImportType('postgresql@16', 'local')).toMatchObject({ ok: false, proposal: { version: '17' } });
    expect(resolveImportType('go@1.22', 'local')).toMatchObject({ ok: false, proposal: { version: '1.24' } });
    expect(resolveImportType('nodejs@22', 'local')).toMatchObject({ ok: true, version: '22', mapped: false });
    expect(resolveImportType('objectstorage', 'official')).toMatchObject({ ok: true, version: '1' });
    expect(resolveImportType('objectstorage', 'local')).toMatchObject({ ok: true, version: '1' });
  });

  it('object storage: Zerops variables, the key pair only in the environment, a probe without credentials', () => {
    const entry = getCatalogEntry('objectstorage');
    const generated = entry.generate(ctx);
    const vars = values(generated);
    expect(vars.bucketName).toMatch(/^[a-z0-9]{7}-files$/);
    expect(vars.accessKeyId).toMatch(/^[a-z0-9]{20}$/);
    expect(generated.secretAccessKey!.secret).toBe(true);
    expect(vars).toMatchObject({ apiUrl: 'http://files:9000', apiHost: 'files:9000', quotaGBytes: '2' });
    expect(values(entry.generate({ ...ctx, objectStorageSize: 7 })).quotaGBytes).toBe('7');
    for (const source of ['local', 'official'] as const) {
      const [c] = entry.containersFor({ hostname: 'files', version: '1', mode: 'NON_HA', containerCount: 1, source, generated: vars });
      expect(c!.env).toMatchObject({ S3_ACCESS_KEY_ID: vars.accessKeyId, S3_SECRET_ACCESS_KEY: vars.secretAccessKey, S3_BUCKET: vars.bucketName });
      const argv = [...(c!.entrypoint ?? []), ...(c!.cmd ?? []), ...c!.healthCheck!.test].join(' ');
      expect(argv).not.toContain(vars.secretAccessKey);
    }
  });

  it('MariaDB probes authenticate from a file (no password in argv, no Access denied in the log)', () => {
    const entry = getCatalogEntry('mariadb');
    const vars = values(entry.generate({ ...ctx, hostname: 'db' }));
    const [local] = entry.containersFor({ hostname: 'db', version: '11.8', mode: 'NON_HA', containerCount: 1, source: 'local', generated: vars });
    expect(local!.healthCheck!.test).toEqual(['mariadb-admin', '--defaults-extra-file=/var/lib/mysql/.my-healthcheck.cnf', 'ping', '--silent']);
    const [official] = entry.containersFor({ hostname: 'db', version: '10.11', mode: 'NON_HA', containerCount: 1, source: 'official', generated: vars });
    expect(official!.healthCheck!.test).toEqual(['healthcheck.sh', '--connect', '--innodb_initialized']);
  });
});
