'use client';

import { Field } from '@/components/ui/field';
import { BucketPolicyFields } from '@/components/services/bucket-policy-fields';
import type { WizardState } from './wizard-state';

type Set = <K extends keyof WizardState>(key: K, value: WizardState[K]) => void;

/** Object storage on the scaling step: the bucket's quota and its access policy (Zerops' names). */
export function WizardStorageFields({ state, set, errors }: { state: WizardState; set: Set; errors: Record<string, string[]> }) {
  return (
    <div className="space-y-4">
      <Field
        label="Quota (GB)"
        type="number"
        min={1}
        max={100}
        value={state.storageSize}
        placeholder="2"
        onChange={(e) => set('storageSize', e.target.value)}
        errors={errors['objectStorage.sizeGb']}
        hint="1 to 100 GB. An upload that would pass it is refused (QuotaExceeded)."
      />
      <BucketPolicyFields
        label="Bucket access"
        policy={state.storagePolicy}
        onPolicy={(policy) => set('storagePolicy', policy)}
        raw={{ value: state.storageRawPolicy, onChange: (e) => set('storageRawPolicy', e.target.value) }}
        errors={{ policy: errors['objectStorage.policy'], rawPolicy: errors['objectStorage.rawPolicy'] }}
      />
      <p className="text-xs text-slate-500">Public access goes through the project&apos;s address: turn on subdomain access on the next step.</p>
    </div>
  );
}
