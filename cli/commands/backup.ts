import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Command } from 'commander';
import { ApiClient } from '../lib/api';
import { CliError } from '../lib/config';
import { followProcess } from '../lib/follow';
import { resolveService } from '../lib/services';

interface BackupRow {
  id: string;
  status: string;
  trigger: string;
  sizeBytes: number;
  durationMs: number | null;
  toolVersion: string | null;
  createdAt: string;
  error: string | null;
}

const mb = (n: number) => `${(n / 1024 ** 2).toFixed(1)} MB`;

/**
 * `berth backup list|now|restore|download|delete|schedule --project <id> --service <hostname>`:
 * the data service's backups through the REST API.
 */
export function backupCommand(program: Command, out: (line: string) => void): void {
  const backup = program.command('backup').description("A data service's backups");
  const withService = (c: Command) => c.requiredOption('--project <id>', 'the project id').requiredOption('--service <hostname>', 'the service, by hostname or id');
  const base = async (o: { project: string; service: string }) => {
    const api = await ApiClient.load();
    const service = await resolveService(api, o.project, o.service);
    return { api, service, path: `/projects/${encodeURIComponent(o.project)}/services/${service.id}` };
  };

  withService(backup.command('list').description('List the backups, newest first')).action(async (o: { project: string; service: string }) => {
    const { api, path } = await base(o);
    const { backups } = await api.json<{ backups: BackupRow[] }>('GET', `${path}/backups`);
    if (!backups.length) out('no backups');
    for (const b of backups) {
      out([b.id, b.createdAt, b.status, b.trigger, mb(b.sizeBytes), b.durationMs === null ? '' : `${(b.durationMs / 1000).toFixed(1)} s`, b.error ?? ''].join('  ').trim());
    }
  });

  withService(backup.command('now').description('Back up now and follow the process')).action(async (o: { project: string; service: string }) => {
    const { api, service, path } = await base(o);
    const { process } = await api.json<{ process: { id: string } }>('POST', `${path}/backups`);
    out(`backing up ${service.hostname}`);
    await followProcess(api, o.project, process.id, out);
  });

  withService(backup.command('restore').description('Restore a backup into the service (its own, or one of the same type and version)'))
    .requiredOption('--backup <id>', 'the backup id')
    .action(async (o: { project: string; service: string; backup: string }) => {
      const { api, service, path } = await base(o);
      const { process } = await api.json<{ process: { id: string } }>('POST', `${path}/restore`, { backupId: o.backup });
      out(`restoring backup ${o.backup} into ${service.hostname}`);
      await followProcess(api, o.project, process.id, out);
    });

  backup
    .command('download')
    .description('Download a backup, decrypted, into a file')
    .requiredOption('--project <id>', 'the project id')
    .requiredOption('--backup <id>', 'the backup id')
    .requiredOption('--out <file>', 'where to write the dump')
    .action(async (o: { project: string; backup: string; out: string }) => {
      const api = await ApiClient.load();
      const res = await api.request('POST', `/projects/${encodeURIComponent(o.project)}/backups/${encodeURIComponent(o.backup)}/download`);
      if (!res.body) throw new CliError('The server sent no data');
      await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), fs.createWriteStream(o.out));
      out(`wrote ${mb(fs.statSync(o.out).size)} to ${o.out}`);
    });

  backup
    .command('delete')
    .description('Delete a backup')
    .requiredOption('--project <id>', 'the project id')
    .requiredOption('--backup <id>', 'the backup id')
    .action(async (o: { project: string; backup: string }) => {
      const api = await ApiClient.load();
      await api.request('DELETE', `/projects/${encodeURIComponent(o.project)}/backups/${encodeURIComponent(o.backup)}`);
      out(`deleted backup ${o.backup}`);
    });

  withService(backup.command('upload').description('Upload a dump made elsewhere (pg_dump -Fc, a .sql file, an RDB, …) as a backup of the service'))
    .requiredOption('--file <path>', 'the dump file')
    .action(async (o: { project: string; service: string; file: string }) => {
      const { api, service, path } = await base(o);
      if (!fs.existsSync(o.file)) throw new CliError(`${o.file} does not exist`);
      const { backup: b } = await api.uploadFile<{ backup: BackupRow }>(`${path}/backups/upload`, o.file, 'application/octet-stream');
      out(`uploaded ${o.file} as backup ${b.id} of ${service.hostname}; restore it with: berth backup restore --project ${o.project} --service ${service.hostname} --backup ${b.id}`);
    });

  backup
    .command('kept')
    .description('List your kept backups of deleted projects (restore one with `backup restore --backup <id>` into a service of the same type and version)')
    .action(async () => {
      const api = await ApiClient.load();
      const { backups } = await api.json<{ backups: (BackupRow & { serviceHostname: string; serviceType: string; serviceVersion: string; keptFromProject: string | null })[] }>('GET', '/backups');
      if (!backups.length) out('no kept backups');
      for (const b of backups) out([b.id, b.createdAt, `${b.keptFromProject ?? ''}/${b.serviceHostname}`, `${b.serviceType}@${b.serviceVersion}`, mb(b.sizeBytes)].join('  '));
    });

  withService(backup.command('schedule').description('Show or set the schedule and retention'))
    .option('--cron <expr>', '5-field cron, e.g. "0 3 * * *"')
    .option('--time-zone <zone>', 'IANA time zone, e.g. Europe/Prague')
    .option('--keep-last <n>', 'keep the newest n backups')
    .option('--keep-days <n>', 'delete backups older than n days')
    .option('--enable', 'turn the schedule on')
    .option('--disable', 'turn the schedule off')
    .action(async (o: { project: string; service: string; cron?: string; timeZone?: string; keepLast?: string; keepDays?: string; enable?: boolean; disable?: boolean }) => {
      const { api, path } = await base(o);
      const int = (v: string | undefined, name: string) => {
        if (v === undefined) return undefined;
        if (!/^\d+$/.test(v)) throw new CliError(`--${name} must be a whole number`);
        return Number(v);
      };
      const change = {
        ...(o.cron !== undefined ? { cron: o.cron } : {}),
        ...(o.timeZone !== undefined ? { timeZone: o.timeZone } : {}),
        ...(o.keepLast !== undefined ? { keepLast: int(o.keepLast, 'keep-last') } : {}),
        ...(o.keepDays !== undefined ? { keepDays: int(o.keepDays, 'keep-days') } : {}),
        ...(o.enable ? { enabled: true } : o.disable ? { enabled: false } : {}),
      };
      type Shown = { schedule: { enabled: boolean; cron: string; timeZone: string; keepLast: number | null; keepDays: number | null }; nextRuns: string[]; usage: { usedBytes: number; capBytes: number } };
      const s = Object.keys(change).length ? await api.json<Shown>('PUT', `${path}/backups/schedule`, change) : await api.json<Shown>('GET', `${path}/backups/schedule`);
      out(`${s.schedule.enabled ? 'on' : 'off'}  ${s.schedule.cron}  (${s.schedule.timeZone})  keep last ${s.schedule.keepLast ?? '∞'}, ${s.schedule.keepDays ?? '∞'} days`);
      for (const r of s.nextRuns) out(`next: ${r}`);
      out(`project usage: ${mb(s.usage.usedBytes)} of ${mb(s.usage.capBytes)}`);
    });
}
