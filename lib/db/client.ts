import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;
/** Both drivers share this shape; code above lib/db never knows which one runs. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbDriver = 'pglite' | 'postgres';

export interface DbHandle {
  db: Db;
  driver: DbDriver;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tarball, to open copies of it. */
  dump?(): Promise<Blob>;
}

export const migrationsFolder = path.join(process.cwd(), 'drizzle');

/**
 * The embedded server has one connection (this process) and a database of a few hundred MB at most:
 * small buffers keep its resident memory down (PostgreSQL's defaults, sized for a shared server,
 * cost about 130 MB more here).
 */
const PGLITE_CONF = ['shared_buffers=8MB', 'wal_buffers=256kB', 'temp_buffers=2MB', 'maintenance_work_mem=16MB'];

/**
 * Opens postgres.js when a URL is given, PGlite under `pgliteDir` otherwise (`memory://` for tests).
 * `pgliteImage` is a dumped data directory to start from instead of an empty cluster.
 */
export function openDb(opts: { url?: string; pgliteDir: string; pgliteImage?: Blob }): DbHandle {
  if (opts.url) {
    const client = postgres(opts.url, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema, casing: 'snake_case' });
    return {
      db: db as unknown as Db,
      driver: 'postgres',
      migrate: () => migratePostgres(db, { migrationsFolder }),
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (!opts.pgliteDir.startsWith('memory://')) fs.mkdirSync(opts.pgliteDir, { recursive: true });
  const client = new PGlite(opts.pgliteDir, { postgresqlconf: PGLITE_CONF, loadDataDir: opts.pgliteImage });
  const db = drizzlePglite(client, { schema, casing: 'snake_case' });
  return {
    db: db as unknown as Db,
    driver: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
    dump: () => client.dumpDataDir('none'),
  };
}
