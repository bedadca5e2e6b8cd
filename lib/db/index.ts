import path from 'node:path';
import { dataDir, env } from '@/lib/env';
import { openDb, type DbHandle } from './client';

export type { Db, DbDriver, DbHandle } from './client';

/** HMR-safe singleton: one handle (and one PGlite instance) per server process. */
const globalForDb = globalThis as unknown as { berthDb?: DbHandle; berthDbReady?: Promise<void> };

export function dbHandle(): DbHandle {
  globalForDb.berthDb ??= openDb({ url: env.DATABASE_URL, pgliteDir: path.join(dataDir, 'pglite') });
  return globalForDb.berthDb;
}

/** Applies migrations once per process; every entry point awaits it before the first query. */
export function dbReady(): Promise<void> {
  globalForDb.berthDbReady ??= dbHandle().migrate();
  return globalForDb.berthDbReady;
}

export async function getDb() {
  await dbReady();
  return dbHandle().db;
}

/** Tests and tools: serve an already-open, migrated handle as the process-wide database. */
export function useDbHandle(handle: DbHandle): void {
  globalForDb.berthDb = handle;
  globalForDb.berthDbReady = Promise.resolve();
}
