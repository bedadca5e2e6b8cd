'use client';

import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  deleteBackupAction,
  restoreBackupAction,
  runBackupAction,
  scheduleAction,
} from '@/app/(dashboard)/projects/[projectId]/services/[serviceId]/backup-actions';
import { ActionForm } from '@/components/projects/action-form';
import { BackupUpload } from '@/components/services/backup-upload';
import { Badge, statusTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmSubmit } from '@/components/ui/confirm-submit';
import { DataTable } from '@/components/ui/data-table';
import { Field } from '@/components/ui/field';
import { controlClass } from '@/components/ui/input';

export interface BackupView {
  id: string;
  status: string;
  trigger: string;
  sizeBytes: number;
  durationMs: number | null;
  toolVersion: string | null;
  sha256: string | null;
  /** `s3:<key>` in the project's bucket, else a path under the server's data directory. */
  location: string;
  createdAt: string;
  error: string | null;
}

export interface ScheduleView {
  schedule: { enabled: boolean; cron: string; timeZone: string; keepLast: number | null; keepDays: number | null };
  nextRuns: string[];
  usage: { usedBytes: number; capBytes: number };
}

/** A complete backup of a deleted service (or of a deleted project) this service may take. */
export interface KeptView {
  id: string;
  serviceHostname: string;
  keptFromProject: string | null;
  sizeBytes: number;
  createdAt: string;
}

interface Props {
  projectId: string;
  serviceId: string;
  hostname: string;
  canWrite: boolean;
  initial: { backups: BackupView[] } & ScheduleView;
  /** Services a backup may be restored into: this one and others of the same type and version. */
  targets: { id: string; hostname: string }[];
  kept?: KeptView[];
}

const size = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(2)} GB` : `${(n / 1024 ** 2).toFixed(1)} MB`);

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: 'no-store' });
  const body = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
  return body;
}

/**
 * A data service's backups: the project's usage against its cap, the schedule with its next runs,
 * run now, and per backup restore (into this or a new service), download (decrypted) and delete.
 */
export function BackupsPanel(p: Props) {
  const base = `/api/v1/projects/${p.projectId}/services/${p.serviceId}/backups`;
  const { data: backups = [] } = useQuery({
    queryKey: ['backups', p.serviceId],
    initialData: p.initial.backups,
    queryFn: async () => (await getJson<{ backups: BackupView[] }>(base)).backups,
    refetchInterval: (q) => ((q.state.data ?? []).some((b) => b.status === 'RUNNING') ? 1_500 : 5_000),
  });
  const { data: sched = p.initial } = useQuery({
    queryKey: ['backup-schedule', p.serviceId],
    initialData: { schedule: p.initial.schedule, nextRuns: p.initial.nextRuns, usage: p.initial.usage },
    queryFn: () => getJson<ScheduleView>(`${base}/schedule`),
    refetchInterval: 10_000,
  });
  const ids = { projectId: p.projectId, serviceId: p.serviceId };
  const used = Math.min(100, Math.round((sched.usage.usedBytes / sched.usage.capBytes) * 100));

  return (
    <section aria-labelledby="backups-h" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="backups-h" className="text-lg font-semibold">
          Backups
        </h2>
        <p className="text-sm text-slate-500" aria-label="Project backup usage">
          Project usage: {size(sched.usage.usedBytes)} of {size(sched.usage.capBytes)} ({used}%)
        </p>
      </div>
      <div className="h-2 w-full rounded bg-slate-200 dark:bg-slate-800" role="progressbar" aria-valuenow={used} aria-valuemin={0} aria-valuemax={100} aria-label="Backup storage used">
        <div className={`h-2 rounded ${used >= 90 ? 'bg-red-500' : 'bg-indigo-500'}`} style={{ width: `${used}%` }} />
      </div>

      {p.canWrite && (
        <div className="grid gap-6 lg:grid-cols-2">
          <ActionForm action={scheduleAction} hidden={ids} className="space-y-3">
            {(s, pending) => (
              <>
                <h3 className="font-medium">Schedule</h3>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="enabled" defaultChecked={sched.schedule.enabled} /> Back up on a schedule
                </label>
                <Field label="Cron (minute hour day month weekday)" name="cron" defaultValue={sched.schedule.cron} errors={s.fieldErrors?.cron} />
                <Field label="Time zone" name="timeZone" defaultValue={sched.schedule.timeZone} errors={s.fieldErrors?.timeZone} />
                <div className="grid grid-cols-2 gap-3">
                  <Field label="Keep the last" name="keepLast" inputMode="numeric" defaultValue={sched.schedule.keepLast ?? ''} errors={s.fieldErrors?.keepLast} hint="backups (empty: all)" />
                  <Field label="Keep for" name="keepDays" inputMode="numeric" defaultValue={sched.schedule.keepDays ?? ''} errors={s.fieldErrors?.keepDays} hint="days (empty: no limit)" />
                </div>
                <Button type="submit" disabled={pending}>
                  Save schedule
                </Button>
              </>
            )}
          </ActionForm>
          <div className="space-y-3">
            <h3 className="font-medium">Next runs</h3>
            {sched.nextRuns.length ? (
              <ul className="text-sm" aria-label="Next scheduled backups">
                {sched.nextRuns.map((r) => (
                  <li key={r}>{new Date(r).toLocaleString()}</li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">The schedule is off.</p>
            )}
            <ActionForm action={runBackupAction} hidden={ids}>
              {(_s, pending) => (
                <Button type="submit" disabled={pending}>
                  Back up now
                </Button>
              )}
            </ActionForm>
            <BackupUpload url={`${base}/upload`} serviceId={p.serviceId} />
          </div>
        </div>
      )}

      {backups.length === 0 ? (
        <p className="text-sm text-slate-500">No backups yet.</p>
      ) : (
        <DataTable
          caption={`Backups of ${p.hostname}`}
          rows={backups}
          rowKey={(b) => b.id}
          rowClassName={() => 'align-top'}
          columns={[
            {
              header: 'Made',
              cell: (b) => (
                <>
                  {new Date(b.createdAt).toLocaleString()} <span className="text-slate-500">({b.trigger.toLowerCase()})</span>
                </>
              ),
            },
            {
              header: 'Status',
              cell: (b) => (
                <>
                  <Badge tone={statusTone(b.status === 'COMPLETE' ? 'ACTIVE' : b.status)} label={`backup status ${b.status}`}>
                    {b.status}
                  </Badge>
                  {b.error && <p className="max-w-xs text-xs text-red-600">{b.error}</p>}
                </>
              ),
            },
            { header: 'Size', cell: (b) => (b.status === 'COMPLETE' ? size(b.sizeBytes) : '–') },
            { header: 'Stored', cell: (b) => (b.status !== 'COMPLETE' ? '–' : b.location.startsWith('s3:') ? 'S3 bucket' : 'data directory') },
            { header: 'Took', cell: (b) => (b.durationMs === null ? '–' : `${(b.durationMs / 1000).toFixed(1)} s`) },
            {
              header: 'Tool',
              className: 'max-w-[12rem] truncate',
              title: (b) => `${b.toolVersion ?? ''} sha256 ${b.sha256 ?? ''}`,
              cell: (b) => b.toolVersion,
            },
            {
              header: '',
              className: 'flex flex-wrap gap-2',
              cell: (b) => (
                <>
                  {p.canWrite && b.status === 'COMPLETE' && (
                    <form method="post" action={`/api/v1/projects/${p.projectId}/backups/${b.id}/download`}>
                      <Button type="submit" variant="ghost" className="px-2 py-1 text-xs" aria-label={`Download the backup of ${b.createdAt}`}>
                        Download
                      </Button>
                    </form>
                  )}
                  {p.canWrite && b.status === 'COMPLETE' && (
                    <ActionForm action={restoreBackupAction} hidden={{ ...ids, backupId: b.id }} className="flex gap-1">
                      {(_s, pending) => (
                        <>
                          <select name="targetServiceId" className={`${controlClass} py-1 text-xs`} aria-label="Restore into" defaultValue={p.serviceId}>
                            {p.targets.map((t) => (
                              <option key={t.id} value={t.id}>
                                {t.id === p.serviceId ? `${t.hostname} (this service)` : t.hostname}
                              </option>
                            ))}
                          </select>
                          <RestoreButton pending={pending} question="Restore this backup?">
                            Restore
                          </RestoreButton>
                        </>
                      )}
                    </ActionForm>
                  )}
                  {p.canWrite && b.status !== 'RUNNING' && (
                    <ActionForm action={deleteBackupAction} hidden={{ ...ids, backupId: b.id }}>
                      {(_s, pending) => (
                        <Button type="submit" variant="ghost" className="px-2 py-1 text-xs" disabled={pending} aria-label={`Delete the backup of ${b.createdAt}`}>
                          Delete
                        </Button>
                      )}
                    </ActionForm>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
      {p.canWrite && p.kept && p.kept.length > 0 && <KeptBackups kept={p.kept} ids={ids} />}
      <p className="text-xs text-slate-500">
        Files are encrypted with the project&apos;s key (AES-256-GCM), under the server&apos;s data directory or in the S3 bucket set on the project page. From a terminal:{' '}
        <code>berth backup now --project {p.projectId} --service {p.hostname}</code>
      </p>
    </section>
  );
}

/** Kept backups of deleted services and projects, each restorable into this service. */
function KeptBackups({ kept, ids }: { kept: KeptView[]; ids: { projectId: string; serviceId: string } }) {
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-medium">Kept backups of deleted services</h3>
      <ul className="space-y-1 text-sm">
        {kept.map((k) => (
          <li key={k.id} className="flex flex-wrap items-center gap-2">
            <span>
              {k.serviceHostname}
              {k.keptFromProject ? ` (project ${k.keptFromProject})` : ''}, {new Date(k.createdAt).toLocaleString()}, {size(k.sizeBytes)}
            </span>
            <ActionForm action={restoreBackupAction} hidden={{ ...ids, backupId: k.id, targetServiceId: ids.serviceId }}>
              {(_s, pending) => (
                <RestoreButton pending={pending} question="Restore this backup here?">
                  Restore here
                </RestoreButton>
              )}
            </ActionForm>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A restore submit that asks first: the service's current data is replaced. */
function RestoreButton({ pending, question, children }: { pending: boolean; question: string; children: ReactNode }) {
  return (
    <ConfirmSubmit variant="secondary" className="px-2 py-1 text-xs" disabled={pending} question={`${question} The service’s current data is replaced once the backup has loaded.`}>
      {children}
    </ConfirmSubmit>
  );
}
