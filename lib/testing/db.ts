import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { migrationsFolder, openDb, type DbHandle } from '@/lib/db/client';

/** The real PostgreSQL server the test command starts (scripts/test-all.sh). */
export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://berth:berth@127.0.0.1:5432/postgres';

export type TestDriver = 'pglite' | 'postgres';
export const testDrivers: TestDriver[] = ['pglite', 'postgres'];

export interface TestDb extends DbHandle {
  /** Drops the throwaway database (postgres) or closes PGlite. */
  dispose(): Promise<void>;
  url?: string;
}

let knownHash: Promise<string> | undefined;
/**
 * A hash of every migration file and of the PGlite release (once per test file): a migrated copy
 * is reused only while both are the same.
 */
const migrationsHash = () => (knownHash ??= hashMigrations());

async function hashMigrations(): Promise<string> {
  const hash = crypto.createHash('sha256');
  hash.update(await fs.readFile(path.join(process.cwd(), 'node_modules/@electric-sql/pglite/package.json')).catch(() => ''));
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(file);
      else hash.update(entry.name).update(await fs.readFile(file));
    }
  };
  await walk(migrationsFolder);
  return hash.digest('hex').slice(0, 16);
}

let knownImage: Promise<Blob> | undefined;
/**
 * A migrated PGlite data directory, made once per set of migrations and kept in the temp dir
 * (an empty cluster's initdb costs seconds of CPU; opening a copy costs a fraction of that);
 * read from there once per test file.
 */
const pgliteImage = () => (knownImage ??= readOrMakePgliteImage());

async function readOrMakePgliteImage(): Promise<Blob> {
  const file = path.join(os.tmpdir(), `berth-pglite-${await migrationsHash()}.tar`);
  const kept = await fs.readFile(file).catch(() => null);
  if (kept) return new Blob([kept]);
  const handle = openDb({ pgliteDir: 'memory://' });
  await handle.migrate();
  const image = await handle.dump!();
  await handle.close();
  const partial = `${file}.${process.pid}`;
  await fs.writeFile(partial, Buffer.from(await image.arrayBuffer()));
  await fs.rename(partial, file);
  return image;
}

/**
 * A migrated template database on the real server, made once per set of migrations (under an
 * advisory lock, so parallel test files make it once); new databases are copies of it.
 */
async function postgresTemplate(admin: postgres.Sql): Promise<string> {
  const name = `berth_tpl_${await migrationsHash()}`;
  await admin`SELECT pg_advisory_lock(727001)`;
  try {
    const [found] = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    if (found) return name;
    // A run killed while making it leaves the half-made copy: made again from nothing.
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name}_new WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}_new`);
    const handle = openDb({ url: databaseUrl(`${name}_new`), pgliteDir: '' });
    await handle.migrate();
    await handle.close();
    await admin.unsafe(`ALTER DATABASE ${name}_new RENAME TO ${name}`);
    return name;
  } finally {
    await admin`SELECT pg_advisory_unlock(727001)`;
  }
}

const databaseUrl = (name: string) => {
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** A fresh, migrated database: in-memory PGlite, or a new database on the real server. */
export async function createTestDb(driver: TestDriver): Promise<TestDb> {
  if (driver === 'pglite') {
    const handle = openDb({ pgliteDir: 'memory://', pgliteImage: await pgliteImage() });
    await handle.migrate();
    return { ...handle, dispose: () => handle.close() };
  }
  const name = `berth_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = postgres(testPostgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${await postgresTemplate(admin)}`);
  const url = databaseUrl(name);
  const handle = openDb({ url, pgliteDir: '' });
  await handle.migrate();
  return {
    ...handle,
    url,
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Template databases and PGlite copies of other sets of migrations (earlier checkouts): removed after a run. */
export async function removeStaleTemplates(): Promise<void> {
  const current = await migrationsHash();
  const admin = postgres(testPostgresUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin<{ datname: string }[]>`SELECT datname FROM pg_database WHERE datname LIKE 'berth\\_tpl\\_%'`;
    for (const { datname } of rows) {
      if (/^berth_tpl_[0-9a-f]{16}(_new)?$/.test(datname) && !datname.startsWith(`berth_tpl_${current}`)) await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
  for (const file of await fs.readdir(os.tmpdir())) {
    if (/^berth-pglite-[0-9a-f]{16}\.tar/.test(file) && !file.startsWith(`berth-pglite-${current}.tar`)) await fs.rm(path.join(os.tmpdir(), file), { force: true });
  }
}
