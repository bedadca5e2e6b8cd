import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backups } from '@/lib/db/schema';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService, deleteService } from '@/lib/domain/services';
import { createTestUser } from '@/lib/testing/engine';
import { requestRestore } from './domain';
import { absolute } from './files';
import { deleteKeptBackup, keptBackups, ownKeptBackup, restorableKept } from './keep';
import { backupProject, type BackupProject } from './testing/fixture';

/**
 * Deleting a service or a project asks about its backups: kept ones outlive it and restore into a new
 * service (of the same project, or of another project once the project is gone); the others go with it.
 */
describe('backups of deleted services and projects', () => {
  let p: BackupProject;
  let otherProject: string | undefined;
  beforeAll(async () => {
    p = await backupProject('backups-keep', [
      ['pg', 'postgresql@15'],
      ['pgdrop', 'postgresql@15'],
    ]);
  }, 600_000);
  afterAll(async () => {
    if (otherProject)
      await p.finished(await deleteProject(p.db, p.userId, otherProject, { keepBackups: false }));
    await p?.dispose();
  }, 300_000);

  const psql = async (host: string, sql: string) => {
    const v = await p.vars(host);
    return (
      await p.exec(
        host,
        ['psql', '-h', '127.0.0.1', '-U', v.user!, '-d', v.dbName!, '-v', 'ON_ERROR_STOP=1', '-qtAc', sql],
        [`PGPASSWORD=${v.password}`],
      )
    ).trim();
  };
  const digest = "select count(*) || ':' || md5(string_agg(id || t, ',' order by id)) from notes";
  const row = async (id: string) => (await p.db.select().from(backups).where(eq(backups.id, id)))[0];
  const addPg = async (projectId: string, hostname: string) => {
    const added = await addService(p.db, p.userId, projectId, { hostname, type: 'postgresql@15' });
    p.ids[hostname] = added.service.id;
    await p.finished(added);
  };

  it('keeps or deletes a service’s backups as asked; a kept one restores into a new service, then into another project', async () => {
    await psql(
      'pg',
      'create table notes (id int primary key, t text); insert into notes select g, md5(g::text) from generate_series(1, 2000) g',
    );
    const known = await psql('pg', digest);
    const kept = await p.backup('pg');
    await psql('pgdrop', 'create table notes (id int primary key, t text)');
    const dropped = await p.backup('pgdrop');

    await p.finished(await deleteService(p.db, p.userId, p.projectId, p.ids.pg!, { keepBackups: true }));
    await p.finished(await deleteService(p.db, p.userId, p.projectId, p.ids.pgdrop!, { keepBackups: false }));
    expect(await row(dropped.id)).toBeUndefined();
    expect(fs.existsSync(absolute(dropped.location))).toBe(false);
    expect(await row(kept.id)).toMatchObject({ serviceId: null, projectId: p.projectId, status: 'COMPLETE' });
    expect(fs.existsSync(absolute(kept.location))).toBe(true);

    // Into a new service of the same project.
    await addPg(p.projectId, 'pgnew');
    expect((await restorableKept(p.db, p.userId, p.projectId, 'postgresql', '15')).map((b) => b.id)).toEqual([
      kept.id,
    ]);
    await p.finished(await requestRestore(p.db, p.userId, p.projectId, p.ids.pgnew!, { backupId: kept.id }));
    expect(await psql('pgnew', digest)).toBe(known);

    // The project deleted with its backups kept: the backup belongs to the owner and carries its own wrapped key.
    const onDisk = fs.readFileSync(absolute(kept.location));
    await p.finished(await deleteProject(p.db, p.userId, p.projectId, { keepBackups: true }));
    const detached = await row(kept.id);
    expect(detached).toMatchObject({
      projectId: null,
      ownerId: p.userId,
      keptFromProject: 'backups-keep',
      status: 'COMPLETE',
    });
    expect(detached!.wrappedKey).toBeTruthy();
    expect(fs.readFileSync(absolute(kept.location)).equals(onDisk)).toBe(true);
    const listed = await keptBackups(p.db, p.userId);
    expect(listed.map((b) => b.id)).toEqual([kept.id]);
    expect(listed[0]).not.toHaveProperty('wrappedKey');
    const stranger = await createTestUser(p.db);
    expect(await keptBackups(p.db, stranger.id)).toEqual([]);
    await expect(ownKeptBackup(p.db, stranger.id, kept.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // Into a service of another project of the same user.
    const created = await createProject(p.db, p.userId, { name: 'backups-keep-2' });
    otherProject = created.project.id;
    await p.finished(created);
    await addPg(otherProject, 'pgb');
    expect((await restorableKept(p.db, p.userId, otherProject, 'postgresql', '15')).map((b) => b.id)).toEqual(
      [kept.id],
    );
    await p.finished(await requestRestore(p.db, p.userId, otherProject, p.ids.pgb!, { backupId: kept.id }));
    expect(await psql('pgb', digest)).toBe(known);

    await deleteKeptBackup(p.db, p.userId, kept.id);
    expect(await row(kept.id)).toBeUndefined();
    expect(fs.existsSync(absolute(kept.location))).toBe(false);
  });
});
