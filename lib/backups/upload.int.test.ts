import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDbHandle } from '@/lib/db';
import { backups } from '@/lib/db/schema';
import { createApiToken } from '@/lib/domain/api-tokens';
import { absolute } from './files';
import { backupProject, engine, type BackupProject } from './testing/fixture';
import { POST } from '@/app/api/v1/projects/[projectId]/services/[serviceId]/backups/upload/route';

/**
 * Dumps made elsewhere (pg_dump -Fc of another database, a mariadb-dump .sql file, written with the
 * tools directly, outside Berth) uploaded through the REST route and restored; a wrong format or size
 * is refused with a clear message and leaves nothing behind.
 */
describe('uploading a dump made elsewhere', () => {
  let p: BackupProject;
  let token: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-upload-'));
  beforeAll(async () => {
    p = await backupProject('backups-upload', [
      ['pg', 'postgresql@15'],
      ['maria', 'mariadb@10.11'],
    ]);
    useDbHandle(p.tdb);
    token = (await createApiToken(p.db, p.userId, { name: 'upload' })).token;
  }, 600_000);
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await p?.dispose();
  }, 300_000);

  /** Runs a dump tool in the container and writes its stdout (binary-safe) to a host file. */
  const dumpToFile = async (host: string, argv: string[], env: string[], file: string) => {
    const out = fs.createWriteStream(file);
    const r = await engine.execPipe(await p.container(host), argv, { env, stdout: out });
    await new Promise((resolve) => out.end(resolve));
    expect(r.exitCode, r.stderr).toBe(0);
    return file;
  };
  const upload = async (host: string, body: Buffer, headers: Record<string, string> = {}) => {
    const req = new Request('http://berth.test/api/v1/upload', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', ...headers },
      body: new Uint8Array(body),
    });
    const res = await POST(req, {
      params: Promise.resolve({ projectId: p.projectId, serviceId: p.ids[host]! }),
    });
    return {
      status: res.status,
      json: (await res.json()) as {
        backup?: { id: string; trigger: string; status: string; location: string; dumpBytes: number };
        error?: { code: string; message: string };
      },
    };
  };
  const count = async (host: string) =>
    (await p.db.select().from(backups).where(eq(backups.serviceId, p.ids[host]!))).length;

  it('PostgreSQL: a pg_dump -Fc file of another database, uploaded and restored', async () => {
    const v = await p.vars('pg');
    const env = [`PGPASSWORD=${v.password}`];
    const psql = async (db: string, sql: string) =>
      (
        await p.exec(
          'pg',
          ['psql', '-h', '127.0.0.1', '-U', v.user!, '-d', db, '-v', 'ON_ERROR_STOP=1', '-qtAc', sql],
          env,
        )
      ).trim();
    await psql(v.dbName!, 'create database elsewhere');
    await psql(
      'elsewhere',
      "create table orders (id int primary key, item text); insert into orders select g, 'item ' || g from generate_series(1, 1500) g",
    );
    const digest = "select count(*) || ':' || md5(string_agg(id || item, ',' order by id)) from orders";
    const known = await psql('elsewhere', digest);
    const file = await dumpToFile(
      'pg',
      ['pg_dump', '-Fc', '-h', '127.0.0.1', '-U', v.user!, '-d', 'elsewhere'],
      env,
      path.join(dir, 'elsewhere.pgdump'),
    );
    const bytes = fs.readFileSync(file);

    const res = await upload('pg', bytes, { 'content-length': String(bytes.length) });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.backup).toMatchObject({ trigger: 'UPLOAD', status: 'COMPLETE', dumpBytes: bytes.length });
    expect(fs.readFileSync(absolute(res.json.backup!.location)).includes(Buffer.from('PGDMP'))).toBe(false);
    await p.restore('pg', res.json.backup!.id);
    expect(await psql(v.dbName!, digest)).toBe(known);
  });

  it('MariaDB: a mariadb-dump .sql file of another database, uploaded and restored', async () => {
    const v = await p.vars('maria');
    const env = [`MYSQL_PWD=${v.rootPassword}`];
    const sql = async (db: string, text: string) =>
      (
        await p.exec('maria', ['mariadb', '-h', '127.0.0.1', '-u', 'root', db, '-N', '-B', '-e', text], env)
      ).trim();
    await sql(v.dbName!, 'create database elsewhere');
    await sql(
      'elsewhere',
      "create table parts (id int primary key, name varchar(40)); insert into parts select seq, concat('part-', seq) from seq_1_to_1200",
    );
    const digest =
      "select concat(count(*), ':', md5(group_concat(id, name order by id separator ','))) from parts";
    const known = await sql('elsewhere', digest);
    const file = await dumpToFile(
      'maria',
      ['mariadb-dump', '-h', '127.0.0.1', '-u', 'root', '--single-transaction', 'elsewhere'],
      env,
      path.join(dir, 'elsewhere.sql'),
    );

    const res = await upload('maria', fs.readFileSync(file));
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    await p.restore('maria', res.json.backup!.id);
    expect(await sql(v.dbName!, digest)).toBe(known);
  });

  it('refuses a wrong format, an empty file, a wrong content type and a file over the room, keeping nothing', async () => {
    const before = { pg: await count('pg'), maria: await count('maria') };
    const sqlFile = fs.readFileSync(path.join(dir, 'elsewhere.sql'));
    const pgFile = fs.readFileSync(path.join(dir, 'elsewhere.pgdump'));

    const wrongForPg = await upload('pg', sqlFile);
    expect(wrongForPg.status).toBe(422);
    expect(wrongForPg.json.error!.message).toBe(
      'file: a postgresql backup must be a pg_dump custom-format file (pg_dump -Fc); this file is text',
    );
    const wrongForMaria = await upload('maria', pgFile);
    expect(wrongForMaria.status).toBe(422);
    expect(wrongForMaria.json.error!.message).toMatch(
      /a mariadb backup must be a plain SQL dump.*this file is a pg_dump custom-format file/,
    );
    const empty = await upload('pg', Buffer.alloc(0));
    expect(empty.status).toBe(422);
    expect(empty.json.error!.message).toMatch(/the file is empty/);
    const json = await upload('pg', pgFile, { 'content-type': 'application/json' });
    expect(json.status).toBe(415);
    const huge = await upload('pg', pgFile, { 'content-length': String(6 * 1024 ** 3) });
    expect(huge.status).toBe(413);
    expect(huge.json.error!.message).toMatch(/does not fit the project's backup room .* left/);

    expect({ pg: await count('pg'), maria: await count('maria') }).toEqual(before);
    const files = fs.readdirSync(absolute(`backups/${p.projectId}`));
    expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(files.length).toBe(before.pg + before.maria);
  });
});
