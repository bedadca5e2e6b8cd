'use client';

import { useState } from 'react';
import { setObjectStorageAction } from '@/app/(dashboard)/projects/[projectId]/services/[serviceId]/actions';
import { ActionForm } from '@/components/projects/action-form';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { ObjectStoragePolicy } from '@/lib/catalog/bucket-policy';
import { BucketPolicyFields } from './bucket-policy-fields';

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
                <BucketPolicyFields
                  label="Access"
                  policy={policy}
                  onPolicy={setPolicy}
                  names={{ policy: 'policy', rawPolicy: 'rawPolicy' }}
                  raw={{ defaultValue: p.rawPolicy }}
                  errors={{ policy: state.fieldErrors?.['objectStorage.policy'], rawPolicy: state.fieldErrors?.['objectStorage.rawPolicy'] }}
                />
              </div>
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
