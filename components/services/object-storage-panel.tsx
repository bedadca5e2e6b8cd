'use client';

import { useState } from 'react';
import { setObjectStorageAction } from '@/app/(dashboard)/projects/[projectId]/services/[serviceId]/actions';
import { ActionForm } from '@/components/projects/action-form';
import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';
import { OBJECT_STORAGE_POLICIES, type ObjectStoragePolicy } from '@/lib/catalog/bucket-policy';

interface Props {
  projectId: string;
  serviceId: string;
  canWrite: boolean;
  bucket: string;
  quotaGb: string;
  policy: ObjectStoragePolicy;
  rawPolicy?: string;
}

/** An object storage's bucket: its name, quota and access policy, changed in place (the container restarts, the objects stay). */
export function ObjectStoragePanel(p: Props) {
  const [policy, setPolicy] = useState<ObjectStoragePolicy>(p.policy);
  return (
    <section aria-labelledby="bucket-h" className="space-y-3">
      <h2 id="bucket-h" className="text-lg font-semibold">
        Bucket
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" aria-label="Bucket details">
        <dt className="text-slate-500">Name</dt>
        <dd className="font-mono">{p.bucket}</dd>
        <dt className="text-slate-500">Quota</dt>
        <dd>{p.quotaGb} GB</dd>
        <dt className="text-slate-500">Access</dt>
        <dd>{p.policy}</dd>
      </dl>
      {p.canWrite && (
        <ActionForm action={setObjectStorageAction} hidden={{ projectId: p.projectId, serviceId: p.serviceId }} className="space-y-3">
          {(state, pending) => (
            <>
              <div className="grid gap-3 sm:grid-cols-2">
                <Field label="Quota (GB)" name="sizeGb" type="number" min={1} max={100} defaultValue={p.quotaGb} errors={state.fieldErrors?.['objectStorage.sizeGb']} />
                <SelectField label="Access" name="policy" value={policy} onChange={(e) => setPolicy(e.target.value as ObjectStoragePolicy)} errors={state.fieldErrors?.['objectStorage.policy']}>
                  {OBJECT_STORAGE_POLICIES.map((x) => (
                    <option key={x} value={x}>
                      {x}
                    </option>
                  ))}
                </SelectField>
              </div>
              {policy === 'custom' && (
                <label className="block space-y-1 text-sm">
                  <span className="font-medium">Bucket policy (JSON; {'{{ .BucketName }}'} stands for the bucket)</span>
                  <textarea name="rawPolicy" defaultValue={p.rawPolicy} className="h-32 w-full rounded-lg border border-slate-300 p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900" spellCheck={false} />
                  {state.fieldErrors?.['objectStorage.rawPolicy'] && (
                    <span role="alert" className="block text-sm text-red-600 dark:text-red-400">
                      {state.fieldErrors['objectStorage.rawPolicy'].join(' ')}
                    </span>
                  )}
                </label>
              )}
              <Button type="submit" variant="secondary" disabled={pending}>
                {pending ? 'Saving…' : 'Save and restart'}
              </Button>
            </>
          )}
        </ActionForm>
      )}
    </section>
  );
}
