import path from 'node:path';
import { dataDir, env } from '@/lib/env';
import { openDb, type DbHandle } from './client';

export type { Db, DbDriver, DbHandle } from './client';

/** HMR-safe singleton: one handle (and one PGlite instance) per server process. */
declare global {
  var berthDb: DbHandle | undefined;
  var berthDbReady: Promise<void> | undefined;
}

export function dbHandle(): DbHandle {
  globalThis.berthDb ??= openDb({ url: env.DATABASE_URL, pgliteDir: path.join(dataDir, 'pglite') });
  return globalThis.berthDb;
}

/** Applies migrations once per process; every entry point awaits it before the first query. */
export function dbReady(): Promise<void> {
  globalThis.berthDbReady ??= dbHandle().migrate();
  return globalThis.berthDbReady;
}

export async function getDb() {
  await dbReady();
  return dbHandle().db;
}

/** Tests and tools: serve an already-open, migrated handle as the process-wide database. */
export function useDbHandle(handle: DbHandle): void {
  globalThis.berthDb = handle;
  globalThis.berthDbReady = Promise.resolve();
}
