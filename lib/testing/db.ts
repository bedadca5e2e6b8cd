import crypto from 'node:crypto';
import postgres from 'postgres';
import { openDb, type DbHandle } from '@/lib/db/client';

/** The real PostgreSQL server the test command starts (scripts/test-all.sh). */
export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://berth:berth@127.0.0.1:5432/postgres';

export type TestDriver = 'pglite' | 'postgres';
export const testDrivers: TestDriver[] = ['pglite', 'postgres'];

export interface TestDb extends DbHandle {
  /** Drops the throwaway database (postgres) or closes PGlite. */
  dispose(): Promise<void>;
  url?: string;
}

/** A fresh, migrated database: in-memory PGlite, or a new database on the real server. */
export async function createTestDb(driver: TestDriver): Promise<TestDb> {
  if (driver === 'pglite') {
    const handle = openDb({ pgliteDir: 'memory://' });
    await handle.migrate();
    return { ...handle, dispose: () => handle.close() };
  }
  const name = `berth_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = postgres(testPostgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  const handle = openDb({ url: url.toString(), pgliteDir: '' });
  await handle.migrate();
  return {
    ...handle,
    url: url.toString(),
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
