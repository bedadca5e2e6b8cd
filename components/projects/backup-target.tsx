'use client';

import {
  clearBackupTargetAction,
  setBackupTargetAction,
  setServiceBackupTargetAction,
  testBackupTargetAction,
} from '@/app/(dashboard)/projects/[projectId]/actions';
import { Button } from '@/components/ui/button';
import { ConfirmSubmit } from '@/components/ui/confirm-submit';
import { Field, SelectField } from '@/components/ui/field';
import { ActionForm } from './action-form';

/** The project's S3-compatible backup target as the page shows it: never the secret key, only that one is stored. */
export interface BackupTargetView {
  /** An object-storage service of the project (its address and keys are its own), or null. */
  serviceId: string | null;
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  updatedAt: string;
}

/**
 * Where the project's new backups go: under the server's data directory, or an S3-compatible
 * bucket (set with a test write, tested again on demand, removed once no backup is in it).
 */
export function BackupTarget({
  projectId,
  current,
  canWrite,
  storages,
}: {
  projectId: string;
  current: BackupTargetView | null;
  canWrite: boolean;
  /** The project's object-storage services, offered as targets. */
  storages: { id: string; hostname: string }[];
}) {
  const service = current?.serviceId ? storages.find((x) => x.id === current.serviceId) : undefined;
  return (
    <section aria-labelledby="backup-target-h" className="space-y-3">
      <h2 id="backup-target-h" className="text-lg font-semibold">
        Backup storage
      </h2>
      {current?.serviceId ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" aria-label="Backup target">
          <dt className="text-slate-500">Object storage</dt>
          <dd className="font-mono">{service?.hostname ?? current.serviceId} (this project)</dd>
          <dt className="text-slate-500">Bucket</dt>
          <dd className="font-mono">{current.bucket}</dd>
        </dl>
      ) : current ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" aria-label="Backup target">
          <dt className="text-slate-500">Endpoint</dt>
          <dd className="font-mono break-all">{current.endpoint}</dd>
          <dt className="text-slate-500">Bucket</dt>
          <dd className="font-mono">{current.bucket}</dd>
          <dt className="text-slate-500">Region</dt>
          <dd className="font-mono">{current.region}</dd>
          <dt className="text-slate-500">Access key ID</dt>
          <dd className="font-mono break-all">{current.accessKeyId}</dd>
          <dt className="text-slate-500">Secret key</dt>
          <dd>set, stored encrypted (never shown)</dd>
        </dl>
      ) : (
        <p className="text-sm text-slate-500">
          Backups are encrypted with the project&apos;s key and kept under the server&apos;s data directory. Set an S3-compatible bucket to keep
          them there instead.
        </p>
      )}
      {canWrite && current && (
        <div className="flex flex-wrap gap-2">
          <ActionForm action={testBackupTargetAction} hidden={{ projectId }}>
            {(_s, pending) => (
              <Button type="submit" variant="secondary" disabled={pending}>
                Test connection
              </Button>
            )}
          </ActionForm>
          <ActionForm action={clearBackupTargetAction} hidden={{ projectId }}>
            {(_s, pending) => (
              <ConfirmSubmit variant="ghost" disabled={pending} question="Remove the bucket? New backups then stay under the server’s data directory.">
                Remove target
              </ConfirmSubmit>
            )}
          </ActionForm>
        </div>
      )}
      {canWrite && storages.length > 0 && <ServiceTargetForm projectId={projectId} storages={storages} current={current} />}
      {canWrite && <TargetForm projectId={projectId} current={current?.serviceId ? null : current} />}
    </section>
  );
}

/** Use an object-storage service of the project: its bucket and keys are taken from it. */
function ServiceTargetForm({ projectId, storages, current }: { projectId: string; storages: { id: string; hostname: string }[]; current: BackupTargetView | null }) {
  return (
    <ActionForm action={setServiceBackupTargetAction} hidden={{ projectId }} className="flex flex-wrap items-end gap-3">
      {(state, pending) => (
        <>
          <SelectField label="Object storage of this project" name="serviceId" defaultValue={current?.serviceId ?? storages[0]!.id} errors={state.fieldErrors?.serviceId}>
            {storages.map((x) => (
              <option key={x.id} value={x.id}>
                {x.hostname}
              </option>
            ))}
          </SelectField>
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? 'Testing the bucket…' : 'Use for backups'}
          </Button>
        </>
      )}
    </ActionForm>
  );
}

/** Set or change the bucket; the secret key is asked again each time (it is never sent back to the browser). */
function TargetForm({ projectId, current }: { projectId: string; current: BackupTargetView | null }) {
  return (
    <ActionForm action={setBackupTargetAction} hidden={{ projectId }} className="space-y-3">
      {(state, pending) => {
        const fe = state.fieldErrors ?? {};
        const value = (k: keyof BackupTargetView) => state.values?.[k] ?? current?.[k] ?? '';
        return (
          <>
            <h3 className="font-medium">{current ? 'Change the bucket' : 'Send backups to an S3 bucket'}</h3>
            <Field label="Endpoint URL" name="endpoint" placeholder="https://s3.example.com" defaultValue={value('endpoint')} errors={fe.endpoint} hint="Path-style addressing: https://endpoint/bucket/key" />
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label="Bucket" name="bucket" defaultValue={value('bucket')} errors={fe.bucket} />
              <Field label="Region" name="region" placeholder="us-east-1" defaultValue={value('region')} errors={fe.region} hint="Empty: us-east-1" />
            </div>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label="Access key ID" name="accessKeyId" autoComplete="off" defaultValue={value('accessKeyId')} errors={fe.accessKeyId} />
              <Field label="Secret access key" name="secretAccessKey" type="password" autoComplete="new-password" errors={fe.secretAccessKey} hint={current ? 'Enter it again to change the bucket' : undefined} />
            </div>
            <Button type="submit" disabled={pending}>
              {pending ? 'Testing the bucket…' : 'Test and save'}
            </Button>
          </>
        );
      }}
    </ActionForm>
  );
}
