import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTypeImage } from '@/lib/images/definitions';
import { ensureLocalImage, isImagePresent } from '@/lib/images/on-demand';
import { docker } from '@/lib/provisioner/docker/connection';
import { waitFor } from '@/lib/testing/wait';
import { imageFor, resolveTypeVersion } from '../catalog';
import { createStack, type CatalogStack, type StackService } from './testing/stack';

/**
 * Versions outside the default image set (Debian trixie's packages, the registry's Node.js binary):
 * built on demand the first time (cached afterwards by input hash), each image carrying only its own
 * packages, then started from the catalog's container spec and reached by a real client in another
 * container. Databases keep their data across a replaced container.
 */
const NEW_VERSIONS: [hostname: string, typeVersion: string][] = [
  ['pg17', 'postgresql@17'],
  ['vk', 'valkey@8.1'],
  ['node20', 'nodejs@20'],
  ['node22', 'nodejs@22'],
  ['py313', 'python@3.13'],
  ['go124', 'go@1.24'],
  ['maria', 'mariadb@11.8'],
];

describe('new catalog versions on the real engine (local images built on demand)', () => {
  let stack: CatalogStack;
  const s: Record<string, StackService> = {};
  const run = (argv: string[], env?: Record<string, string>) => stack.exec(s.client!.at('runtime-0'), argv, env);

  beforeAll(async () => {
    for (const [, typeVersion] of NEW_VERSIONS) {
      const { entry, version } = resolveTypeVersion(typeVersion);
      const ref = imageFor(entry, version, 'local');
      expect(findTypeImage(ref)?.onDemand, ref).toBe(true);
      await ensureLocalImage(ref, () => {});
      expect(await isImagePresent(ref)).toBe(true);
      // A second call finds it (no rebuild).
      expect(await ensureLocalImage(ref, () => {})).toBe('present');
    }
    stack = await createStack();
    s.client = await stack.add('client', 'debian@12');
    for (const [hostname, typeVersion] of NEW_VERSIONS) s[hostname] = await stack.add(hostname, typeVersion);
    await stack.waitHealthy(Object.values(s).flatMap((svc) => svc.containers), 240_000);
  }, 1_500_000);
  afterAll(async () => {
    await stack?.dispose();
  });

  it('PostgreSQL 17: psql reaches it with the generated connectionString and the server says 17', async () => {
    const url = s.pg17!.vars.connectionString!;
    const r = await run(['psql', url, '-v', 'ON_ERROR_STOP=1', '-qtAc', "create table notes (t text); insert into notes values ('seventeen'); show server_version"]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toMatch(/^17\./);
    const wrong = await run(['psql', url.replace(/:[^:@/]+@/, ':wrong@'), '-qtAc', 'select 1']);
    expect(wrong.stderr).toMatch(/password authentication failed/);
  });

  it('Valkey 8.1: SET/GET with the password, refused without it; the server is Valkey', async () => {
    const pw = s.vk!.vars.password!;
    expect((await run(['redis-cli', '-h', 'vk', 'SET', 'k', 'v8'], { REDISCLI_AUTH: pw })).stdout.trim()).toBe('OK');
    expect((await run(['redis-cli', '-u', s.vk!.vars.connectionString!, '--no-auth-warning', 'GET', 'k'])).stdout.trim()).toBe('v8');
    expect((await run(['redis-cli', '-h', 'vk', 'GET', 'k'])).stdout).toMatch(/NOAUTH/);
    const info = await run(['redis-cli', '-h', 'vk', 'INFO', 'server'], { REDISCLI_AUTH: pw });
    expect(info.stdout).toMatch(/valkey_version:8\.1\./);
  });

  it.each([
    ['node20', 3000, ['node', '--version'], /^v20\./],
    ['node22', 3000, ['node', '--version'], /^v22\./],
    ['py313', 8000, ['python3', '--version'], /^Python 3\.13\./],
    ['go124', 8080, ['go', 'version'], /go1\.24/],
  ] as const)('runtime %s serves its placeholder on :%i and runs the version it names', async (host, port, argv, version) => {
    const r = await run(['curl', '-fsS', `http://${host}:${port}/`]);
    expect(r.stdout).toContain(`${host} is running on Berth`);
    const v = await stack.exec(s[host]!.at('runtime-0'), [...argv]);
    expect(v.stdout.trim()).toMatch(version);
  });

  it('MariaDB 11.8: the mariadb client reads back a row; health probes authenticate and stay out of the log', async () => {
    const m = s.maria!.vars;
    const r = await run(
      ['mariadb', '-h', 'maria', '-u', m.user!, m.dbName!, '-N', '-e', "create table t (x varchar(10)); insert into t values ('m118'); select x from t; select version()"],
      { MYSQL_PWD: m.password! },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['m118', expect.stringMatching(/^11\.8\./)]);
    const c = s.maria!.containers[0]!;
    // The engine keeps the last five probe results: wait until five passed, then read the server's log.
    await waitFor('five passing health probes', async () => {
      const log = (await docker().getContainer(c.name).inspect()).State.Health?.Log ?? [];
      return log.length >= 5 && log.every((p) => p.ExitCode === 0) ? true : undefined;
    }, 60_000, 1_000);
    const logs = await stack.logs(c, 500);
    expect(logs).not.toMatch(/Access denied/);
  });

  it('images are lean: only the type packages on its minbase', async () => {
    const mb = async (ref: string) => Math.round(((await docker().getImage(ref).inspect()).Size ?? 0) / 1e6);
    expect(await mb('berth/postgresql:17')).toBeLessThanOrEqual(350);
    expect(await mb('berth/nodejs:20')).toBeLessThanOrEqual(250);
    // The official Node.js 22 binary alone is about 120 MB.
    expect(await mb('berth/nodejs:22')).toBeLessThanOrEqual(280);
  });

  describe('data survives removing and recreating the container on the same volume', () => {
    const replace = async (svc: StackService) => {
      const c = svc.containers[0]!;
      expect(await stack.recreate(c, svc.hostname)).toBe(0);
      await stack.waitHealthy([c], 180_000);
    };

    it('PostgreSQL 17', async () => {
      await replace(s.pg17!);
      expect((await run(['psql', s.pg17!.vars.connectionString!, '-qtAc', 'select t from notes'])).stdout.trim()).toBe('seventeen');
    });

    it('MariaDB 11.8', async () => {
      await replace(s.maria!);
      const m = s.maria!.vars;
      const r = await run(['mariadb', '-h', 'maria', '-u', m.user!, m.dbName!, '-N', '-e', 'select x from t'], { MYSQL_PWD: m.password! });
      expect(r.stdout.trim()).toBe('m118');
    });

    it('Valkey 8.1', async () => {
      await replace(s.vk!);
      expect((await run(['redis-cli', '-h', 'vk', 'GET', 'k'], { REDISCLI_AUTH: s.vk!.vars.password! })).stdout.trim()).toBe('v8');
    });
  });
});
