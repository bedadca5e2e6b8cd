import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { useDbHandle } from '@/lib/db';
import { envVariables } from '@/lib/db/schema';
import { pingEngine } from '@/lib/provisioner/docker/connection';
import { setTestSessionUser } from '@/lib/auth/guards';
import { setEnv } from '@/lib/domain/env';
import { createProject } from '@/lib/domain/projects';
import { createTestDb, testDrivers, type TestDb } from '@/lib/testing/db';
import { createTestUser } from '@/lib/testing/engine';

const opened: TestDb[] = [];
afterAll(async () => {
  for (const d of opened) await d.dispose();
});

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  return Array.isArray(result) ? result : ((result as { rows: Array<Record<string, unknown>> }).rows ?? []);
}

describe.each(testDrivers)('foundation on %s', (driver) => {
  it('applies every migration and /api/health reports the driver and the engine', async () => {
    const tdb = await createTestDb(driver);
    opened.push(tdb);
    const tables = rowsOf(await tdb.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public'`)).map((r) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(['users', 'projects', 'services', 'containers', 'env_variables', 'processes', 'process_logs', 'audit_log', 'api_tokens', 'stats_samples']));
    useDbHandle(tdb);
    const res = await health();
    const body = (await res.json()) as { database: { driver: string; ok: boolean }; docker: { ok: boolean }; version: string };
    expect(body.database).toEqual({ driver, ok: true });
    expect(body.docker.ok).toBe(true);
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    // Anyone sees ok and version; the engine's address and error texts only an admin.
    expect(body.docker).toEqual({ ok: true });
    const admin = await createTestUser(tdb.db, 'admin');
    setTestSessionUser({ id: admin.id, name: admin.name, email: admin.email, role: 'admin' });
    try {
      const full = (await (await health()).json()) as { docker: { ok: boolean; address?: string } };
      expect(full.docker.address).toMatch(/^(unix|tcp|http)/);
    } finally {
      setTestSessionUser(undefined);
    }
  });

  it('stores secrets encrypted: the raw column never holds the plain value', async () => {
    const tdb = await createTestDb(driver);
    opened.push(tdb);
    const user = await createTestUser(tdb.db);
    const { project } = await createProject(tdb.db, user.id, { name: 'secrets' });
    const plain = 'super-secret-value-4711';
    await setEnv(tdb.db, user.id, project.id, null, { key: 'API_KEY', value: plain, secret: true });
    const raw = rowsOf(await tdb.db.execute(sql`select value_encrypted from ${envVariables}`)).map((r) => String(r.value_encrypted));
    expect(raw).toHaveLength(1);
    expect(raw[0]).not.toContain(plain);
    expect(raw[0]).toMatch(/^v1:/);
  });
});

describe('Docker client', () => {
  it('pings the real engine', async () => {
    const ping = await pingEngine();
    expect(ping).toMatchObject({ ok: true, address: 'unix:///var/run/docker.sock' });
    expect(ping.apiVersion).toMatch(/^1\.\d+$/);
  });

  it('reports an unreachable engine with the address it tried', async () => {
    const Docker = (await import('dockerode')).default;
    const ping = await pingEngine(new Docker({ socketPath: '/nonexistent/docker.sock' }), 1000);
    expect(ping.ok).toBe(false);
    expect(ping.error).toBeTruthy();
  });
});
