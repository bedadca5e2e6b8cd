/**
 * `npm run bench:backup`: a PostgreSQL database of about BENCH_BACKUP_MB (default 1024) MB. Plain
 * `pg_dump -Fc` and `pg_restore` run directly in the container (the file stays in the container)
 * against Berth's service.backup (dump streamed out of the engine, encrypted in 1 MiB AES-256-GCM
 * chunks, fsynced) and service.restore (checksum pass, decrypt, pg_restore into a staging database,
 * swap). Prints the times and the ratios Berth / plain. Last line: one JSON object.
 */
import { eq } from 'drizzle-orm';
import { startBenchEngine } from './engine';
import { requestBackup, requestRestore } from '@/lib/backups/domain';
import { backups, containers, services } from '@/lib/db/schema';
import { resolveServiceEnv } from '@/lib/envvars/resolve';
import { loadProjectVars } from '@/lib/provisioner/wanted';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { waitProcess } from '@/lib/testing/engine';

const targetMb = Number(process.env.BENCH_BACKUP_MB ?? 1024);
const { db, engine, user, stop } = await startBenchEngine();
const { project, process: pc } = await createProject(db, user.id, { name: `bench backup ${Date.now().toString(36)}` });
await waitProcess(db, pc.id);
const { service, process: ps } = await addService(db, user.id, project.id, { hostname: 'pg', type: 'postgresql@15' });
await waitProcess(db, ps.id);
const [row] = await db.select().from(containers).where(eq(containers.serviceId, service.id));
const container = row!.name;
const vars = resolveServiceEnv(await loadProjectVars(db, project.id, await db.select().from(services).where(eq(services.projectId, project.id))), 'pg').env;
const env = [`PGPASSWORD=${vars.password}`];
const conn = ['-h', '127.0.0.1', '-U', vars.user!];
const run = async (argv: string[]) => {
  const r = await engine.exec(container, argv, { env });
  if (r.exitCode !== 0) throw new Error(`${argv[0]}: ${r.stderr}`);
  return r.stdout.trim();
};
const timed = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return Math.round(performance.now() - t);
};
const psql = (db: string, sql: string) => run(['psql', ...conn, '-d', db, '-v', 'ON_ERROR_STOP=1', '-qtAc', sql]);

// About 1 KB per row of hex text (half of it random), in batches so no statement runs for minutes.
const rows = Math.round((targetMb * 1024 * 1024) / 1100);
await psql('db', 'create table data (id bigint primary key, a text, b text)');
const batch = 100_000;
const loadMs = await timed(async () => {
  for (let from = 1; from <= rows; from += batch) {
    const to = Math.min(rows, from + batch - 1);
    await psql('db', `insert into data select g, repeat(md5(g::text), 16), repeat(md5(random()::text), 16) from generate_series(${from}, ${to}) g`);
  }
});
const dbBytes = Number(await psql('db', "select pg_database_size('db')"));
const digest = "select count(*) || ':' || sum(length(a) + length(b))";
const known = await psql('db', `${digest} from data`);

// Plain tools in the container.
const plainDumpMs = await timed(() => run(['pg_dump', '-Fc', ...conn, '-d', 'db', '-f', '/tmp/bench.dump']));
const dumpBytes = Number(await run(['stat', '-c', '%s', '/tmp/bench.dump']));
await psql('postgres', 'create database plain_restore');
const plainRestoreMs = await timed(() => run(['pg_restore', '--no-owner', '--no-acl', '--exit-on-error', ...conn, '-d', 'plain_restore', '/tmp/bench.dump']));
await psql('postgres', 'drop database plain_restore');
await run(['rm', '-f', '/tmp/bench.dump']);

// Berth's processes (the time from start to finish of each process).
const processMs = (p: { startedAt: Date | null; finishedAt: Date | null }) => p.finishedAt!.getTime() - p.startedAt!.getTime();
const b = await waitProcess(db, (await requestBackup(db, user.id, project.id, service.id)).process.id, 3_600_000);
if (b.status !== 'FINISHED') throw new Error(`backup ${b.status}: ${b.error}`);
const [backup] = await db.select().from(backups).where(eq(backups.processId, b.id));
await psql('db', 'delete from data where id % 2 = 0');
const r = await waitProcess(db, (await requestRestore(db, user.id, project.id, service.id, { backupId: backup!.id })).process.id, 3_600_000);
if (r.status !== 'FINISHED') throw new Error(`restore ${r.status}: ${r.error}`);
const restoredOk = (await psql('db', `${digest} from data`)) === known;

const result = {
  databaseMb: Math.round(dbBytes / 1024 ** 2),
  dumpMb: Math.round(dumpBytes / 1024 ** 2),
  encryptedMb: Math.round(backup!.sizeBytes / 1024 ** 2),
  loadMs,
  plainDumpMs,
  berthBackupMs: processMs(b),
  plainRestoreMs,
  berthRestoreMs: processMs(r),
  backupRatio: Number((processMs(b) / plainDumpMs).toFixed(3)),
  restoreRatio: Number((processMs(r) / plainRestoreMs).toFixed(3)),
  restoredOk,
};
console.log(`database ${result.databaseMb} MB, dump ${result.dumpMb} MB, encrypted file ${result.encryptedMb} MB`);
console.log(`backup:  plain pg_dump ${plainDumpMs} ms, Berth ${result.berthBackupMs} ms (ratio ${result.backupRatio})`);
console.log(`restore: plain pg_restore ${plainRestoreMs} ms, Berth ${result.berthRestoreMs} ms (ratio ${result.restoreRatio}); data back: ${restoredOk}`);
await waitProcess(db, (await deleteProject(db, user.id, project.id)).process.id);
await stop();
console.log(JSON.stringify(result));
process.exit(0);
