import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalImage } from '@/lib/images/on-demand';
import { restartService } from '@/lib/domain/services';
import { deleteBackup } from './domain';
import { Readable } from 'node:stream';
import { getObject, putObject } from './s3';
import { serviceTarget } from './service-target';
import { clearBackupTarget, getBackupTarget, setBackupTarget, testBackupTarget } from './target-settings';
import { backupProject, type BackupProject } from './testing/fixture';

/**
 * Backups in an object-storage service of the same project (Berth's own S3-compatible type, local
 * image): the project's target names the service, whose bucket, keys and address are read from it
 * at each use, so a restore still finds the backup after the storage's container was replaced.
 */
describe('backups in an object-storage service of the same project', () => {
  let p: BackupProject;
  beforeAll(async () => {
    await ensureLocalImage('berth/object-storage:1', () => {});
    p = await backupProject('backups-object-storage', [
      ['pg', 'postgresql@15'],
      ['files', 'object-storage'],
      ['filesnew', 'object-storage'],
    ]);
  }, 900_000);
  afterAll(async () => {
    await p?.dispose();
  }, 300_000);

  const psql = async (sql: string) => {
    const v = await p.vars('pg');
    return (await p.exec('pg', ['psql', '-h', '127.0.0.1', '-U', v.user!, '-d', v.dbName!, '-v', 'ON_ERROR_STOP=1', '-qtAc', sql], [`PGPASSWORD=${v.password}`])).trim();
  };
  const read = async (key: string, host = 'files') => {
    const chunks: Buffer[] = [];
    for await (const c of await getObject(await serviceTarget(p.db, p.projectId, p.ids[host]!), key)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };

  it('refuses a service that is not object storage, naming the field', async () => {
    await expect(setBackupTarget(p.db, p.userId, p.projectId, { serviceId: p.ids.pg })).rejects.toThrow(/serviceId: pg is not object storage/);
    await expect(setBackupTarget(p.db, p.userId, p.projectId, { serviceId: 'nope' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await getBackupTarget(p.db, p.userId, p.projectId)).target).toBeNull();
  });

  it('backs up into the service bucket and restores from it after the storage container was replaced', async () => {
    const files = await p.vars('files');
    const shown = await setBackupTarget(p.db, p.userId, p.projectId, { serviceId: p.ids.files });
    expect(shown.target).toMatchObject({ serviceId: p.ids.files, bucket: files.bucketName, accessKeyId: files.accessKeyId });
    await expect(testBackupTarget(p.db, p.userId, p.projectId)).resolves.toMatchObject({ bucket: files.bucketName });

    await psql('create table notes (id int primary key, t text); insert into notes select g, md5(g::text) from generate_series(1, 3000) g');
    const digest = "select count(*) || ':' || md5(string_agg(id || t, ',' order by id)) from notes";
    const known = await psql(digest);
    const b = await p.backup('pg');
    expect(b.location).toBe(`s3:backups/${p.projectId}/${b.id}.bkp`);
    const object = await read(`backups/${p.projectId}/${b.id}.bkp`);
    expect(object.length).toBe(b.sizeBytes);
    expect(object.includes(Buffer.from('PGDMP'))).toBe(false);

    await p.finished(await restartService(p.db, p.userId, p.projectId, p.ids.files!));
    await psql('delete from notes where id > 10');
    await p.restore('pg', b.id);
    expect(await psql(digest)).toBe(known);

    await expect(clearBackupTarget(p.db, p.userId, p.projectId)).rejects.toThrow(/1 backup\(s\) are in the bucket/);
    await deleteBackup(p.db, p.userId, p.projectId, b.id);
    await expect(read(`backups/${p.projectId}/${b.id}.bkp`)).rejects.toThrow(/HTTP 404 NoSuchKey/);
    await clearBackupTarget(p.db, p.userId, p.projectId);
  });

  it('backs up the object storage itself and restores its objects in place and into another object storage', async () => {
    const put = async (key: string, text: string) => {
      const body = Buffer.from(text);
      await putObject(await serviceTarget(p.db, p.projectId, p.ids.files!), key, Readable.from([body]), body.length);
    };
    await put('docs/a.txt', 'first version');
    const b = await p.backup('files');
    expect(b.location.startsWith('s3:')).toBe(false);
    await put('docs/a.txt', 'changed');
    await put('docs/b.txt', 'added after the backup');
    await p.restore('files', b.id);
    expect((await read('docs/a.txt')).toString()).toBe('first version');
    await expect(read('docs/b.txt')).rejects.toThrow(/HTTP 404 NoSuchKey/);
    // The service still takes writes with its own keys after the swap.
    await put('docs/c.txt', 'after the restore');
    expect((await read('docs/c.txt')).toString()).toBe('after the restore');

    // Into another service: the objects land in its own bucket, reachable with its own keys only.
    await p.restore('filesnew', b.id);
    expect((await read('docs/a.txt', 'filesnew')).toString()).toBe('first version');
    await expect(read('docs/b.txt', 'filesnew')).rejects.toThrow(/HTTP 404 NoSuchKey/);
    const source = await serviceTarget(p.db, p.projectId, p.ids.files!);
    const target = await serviceTarget(p.db, p.projectId, p.ids.filesnew!);
    await expect(getObject({ ...target, accessKeyId: source.accessKeyId, secretAccessKey: source.secretAccessKey }, 'docs/a.txt')).rejects.toThrow(/HTTP 403/);
  });
});
