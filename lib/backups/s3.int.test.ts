import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadBackup, deleteBackup } from './domain';
import { absolute } from './files';
import { getObject, type S3Target } from './s3';
import { clearBackupTarget, getBackupTarget, setBackupTarget, testBackupTarget } from './target-settings';
import { backupProject, type BackupProject } from './testing/fixture';

/**
 * Backups in an S3-compatible bucket: a local S3 server (s3rver, which checks SigV4 signatures) as the
 * project's target; the backup streams there, restores from there, and is deleted there.
 */
describe('backups in an S3-compatible bucket', () => {
  let p: BackupProject;
  let server: S3rver;
  let target: S3Target;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-s3-'));
  beforeAll(async () => {
    server = new S3rver({
      address: '127.0.0.1',
      port: 19631,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: 'berth-backups', configs: [] }],
    });
    const { port } = await server.run();
    target = {
      endpoint: `http://127.0.0.1:${port}`,
      bucket: 'berth-backups',
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    };
    p = await backupProject('backups-s3', [['pg', 'postgresql@15']]);
  }, 600_000);
  afterAll(async () => {
    await p?.dispose();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  const psql = async (sql: string) => {
    const v = await p.vars('pg');
    return (
      await p.exec(
        'pg',
        ['psql', '-h', '127.0.0.1', '-U', v.user!, '-d', v.dbName!, '-v', 'ON_ERROR_STOP=1', '-qtAc', sql],
        [`PGPASSWORD=${v.password}`],
      )
    ).trim();
  };
  const read = async (key: string) => {
    const chunks: Buffer[] = [];
    for await (const c of await getObject(target, key)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };

  it('refuses a target the bucket does not accept, naming the problem', async () => {
    // s3rver checks the access key id but not V4 signatures (the signer is checked against AWS's published example in s3.test.ts).
    await expect(
      setBackupTarget(p.db, p.userId, p.projectId, { ...target, accessKeyId: 'nobody' }),
    ).rejects.toThrow(/endpoint: the bucket refused a test write: .*HTTP 403 InvalidAccessKeyId/);
    await expect(
      setBackupTarget(p.db, p.userId, p.projectId, { ...target, bucket: 'no-such-bucket' }),
    ).rejects.toThrow(/HTTP 404 NoSuchBucket/);
    await expect(
      setBackupTarget(p.db, p.userId, p.projectId, { ...target, endpoint: 'ftp://x' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await getBackupTarget(p.db, p.userId, p.projectId)).target).toBeNull();
    await expect(testBackupTarget(p.db, p.userId, p.projectId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('backs up into the bucket, restores from it, downloads and deletes there', async () => {
    const shown = await setBackupTarget(p.db, p.userId, p.projectId, target);
    expect(shown.target).toMatchObject({
      endpoint: target.endpoint,
      bucket: 'berth-backups',
      accessKeyId: 'S3RVER',
    });
    expect(JSON.stringify(shown)).not.toContain('secretAccessKey');
    // The saved target is probed again with its stored (unwrapped) keys.
    await expect(testBackupTarget(p.db, p.userId, p.projectId)).resolves.toEqual({ endpoint: target.endpoint, bucket: 'berth-backups' });

    await psql(
      'create table notes (id int primary key, t text); insert into notes select g, md5(g::text) from generate_series(1, 4000) g',
    );
    const digest = "select count(*) || ':' || md5(string_agg(id || t, ',' order by id)) from notes";
    const known = await psql(digest);
    const b = await p.backup('pg');
    expect(b.location).toBe(`s3:backups/${p.projectId}/${b.id}.bkp`);
    expect(fs.existsSync(absolute(`backups/${p.projectId}/${b.id}.bkp`))).toBe(false);
    const object = await read(`backups/${p.projectId}/${b.id}.bkp`);
    expect(object.length).toBe(b.sizeBytes);
    expect(object.includes(Buffer.from('PGDMP'))).toBe(false);

    await psql('delete from notes where id > 10');
    await p.restore('pg', b.id);
    expect(await psql(digest)).toBe(known);

    const { stream } = await downloadBackup(p.db, p.userId, p.projectId, b.id);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('PGDMP');
    expect(Buffer.concat(chunks).length).toBe(b.dumpBytes);

    await expect(clearBackupTarget(p.db, p.userId, p.projectId)).rejects.toThrow(
      /1 backup\(s\) are in the bucket/,
    );
    await deleteBackup(p.db, p.userId, p.projectId, b.id);
    await expect(read(`backups/${p.projectId}/${b.id}.bkp`)).rejects.toThrow(/HTTP 404 NoSuchKey/);
    await clearBackupTarget(p.db, p.userId, p.projectId);
  });
});
