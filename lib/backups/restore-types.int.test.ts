import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { absolute } from './files';
import { backupProject, type BackupProject } from './testing/fixture';

/**
 * Every data type on the real engine: known data written with the type's own client, backed up,
 * changed and deleted, restored into the same service and into a new one, read back exactly.
 */
describe('backup and restore per data type', () => {
  let p: BackupProject;
  beforeAll(async () => {
    p = await backupProject('backups', [
      ['pg', 'postgresql@15'],
      ['pgnew', 'postgresql@15'],
      ['maria', 'mariadb@10.11'],
      ['marianew', 'mariadb@10.11'],
      ['files', 'shared-storage'],
      ['filesnew', 'shared-storage'],
      ['mq', 'rabbitmq@3.10'],
      ['mqnew', 'rabbitmq@3.10'],
    ]);
  }, 600_000);
  afterAll(async () => {
    await p?.dispose();
  }, 300_000);

  it('PostgreSQL: pg_dump -Fc, restore into the same service and into a new one', async () => {
    const psql = async (host: string, sql: string) => {
      const v = await p.vars(host);
      return (await p.exec(host, ['psql', '-h', '127.0.0.1', '-U', v.user!, '-d', v.dbName!, '-v', 'ON_ERROR_STOP=1', '-qtAc', sql], [`PGPASSWORD=${v.password}`])).trim();
    };
    await psql('pg', "create table notes (id int primary key, t text); insert into notes select g, md5(g::text) from generate_series(1, 5000) g; create table tags (n text); insert into tags values ('a'), ('b')");
    const digest = "select count(*) || ':' || md5(string_agg(id || t, ',' order by id)) from notes";
    const known = await psql('pg', digest);
    expect(known).toMatch(/^5000:[0-9a-f]{32}$/);
    const b = await p.backup('pg');
    expect(b.tool).toBe('pg_dump');
    expect(b.toolVersion).toMatch(/pg_dump \(PostgreSQL\) 15/);
    expect(b.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The bytes on disk are not the dump: no custom-format magic, no row text.
    const onDisk = fs.readFileSync(absolute(b.location));
    expect(onDisk.includes(Buffer.from('PGDMP'))).toBe(false);
    expect(onDisk.includes(Buffer.from('notes'))).toBe(false);

    await psql('pg', "delete from notes where id > 100; update notes set t = 'x'; drop table tags; create table junk (x int)");
    expect(await psql('pg', digest)).not.toBe(known);
    await p.restore('pg', b.id);
    expect(await psql('pg', digest)).toBe(known);
    expect(await psql('pg', "select string_agg(n, ',' order by n) from tags")).toBe('a,b');
    expect(await psql('pg', "select count(*) from pg_tables where tablename = 'junk'")).toBe('0');

    await p.restore('pgnew', b.id);
    expect(await psql('pgnew', digest)).toBe(known);
  });

  it('MariaDB: mariadb-dump --single-transaction, restore into the same service and into a new one', async () => {
    const sql = async (host: string, text: string) => {
      const v = await p.vars(host);
      return (await p.exec(host, ['mariadb', '-h', '127.0.0.1', '-u', v.user!, v.dbName!, '-N', '-B', '-e', text], [`MYSQL_PWD=${v.password}`])).trim();
    };
    await sql('maria', "create table items (id int primary key, name varchar(40)) engine=InnoDB; insert into items select seq, concat('item-', seq) from seq_1_to_3000");
    const digest = "select concat(count(*), ':', md5(group_concat(id, name order by id separator ','))) from items";
    const known = await sql('maria', digest);
    expect(known).toMatch(/^3000:[0-9a-f]{32}$/);
    const b = await p.backup('maria');
    expect(b.toolVersion).toMatch(/mariadb-dump|Ver/);
    await sql('maria', "delete from items where id > 10; create table extra (x int)");
    await p.restore('maria', b.id);
    expect(await sql('maria', digest)).toBe(known);
    expect(await sql('maria', "select count(*) from information_schema.tables where table_name = 'extra'")).toBe('0');
    await p.restore('marianew', b.id);
    expect(await sql('marianew', digest)).toBe(known);
  });

  it('Shared storage: a tar of the files, restored into the same storage and into a new one', async () => {
    const files = '/mnt/files';
    await p.exec('files', ['mkdir', '-p', `${files}/docs/deep`]);
    await p.exec('files', ['tee', `${files}/docs/a.txt`], [], 'alpha\n');
    await p.exec('files', ['tee', `${files}/docs/deep/b.bin`], [], 'beta '.repeat(10000));
    const list = (host: string) => p.exec(host, ['sh', '-c', 'cd "$0" && find . -type f | sort | xargs sha256sum', `/mnt/${host}`]);
    const known = await list('files');
    expect(known).toContain('./docs/deep/b.bin');
    const b = await p.backup('files');
    await p.exec('files', ['rm', '-rf', `${files}/docs/deep`]);
    await p.exec('files', ['tee', `${files}/new.txt`], [], 'later');
    await p.restore('files', b.id);
    expect(await list('files')).toBe(known);
    await p.restore('filesnew', b.id);
    expect(await list('filesnew')).toBe(known);
  });

  it('RabbitMQ: the definitions, restored into the same broker and into a new one', async () => {
    const vhosts = async (host: string) => (await p.exec(host, ['rabbitmqctl', '--quiet', 'list_vhosts'])).split('\n').map((s) => s.trim()).filter(Boolean).sort();
    await p.exec('mq', ['rabbitmqctl', 'add_vhost', 'orders']);
    await p.exec('mq', ['rabbitmqctl', 'set_permissions', '-p', 'orders', (await p.vars('mq')).user!, '.*', '.*', '.*']);
    const known = await vhosts('mq');
    expect(known).toContain('orders');
    const b = await p.backup('mq');
    expect(b.tool).toBe('rabbitmqctl export_definitions');
    await p.exec('mq', ['rabbitmqctl', 'delete_vhost', 'orders']);
    expect(await vhosts('mq')).not.toContain('orders');
    await p.restore('mq', b.id);
    expect(await vhosts('mq')).toEqual(known);
    await p.restore('mqnew', b.id);
    expect(await vhosts('mqnew')).toContain('orders');
    // Every rabbitmqctl call boots an Erlang VM (seconds each on a busy machine).
  }, 900_000);
});
