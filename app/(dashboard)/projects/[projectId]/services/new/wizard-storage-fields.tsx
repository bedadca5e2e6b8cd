'use client';

import { Field, SelectField } from '@/components/ui/field';
import { OBJECT_STORAGE_POLICIES, type ObjectStoragePolicy } from '@/lib/catalog/bucket-policy';
import type { WizardState } from './wizard-state';

type Set = <K extends keyof WizardState>(key: K, value: WizardState[K]) => void;

const POLICY_LABELS: Record<ObjectStoragePolicy, string> = {
  private: 'private — only requests signed with the key pair',
  'public-read': 'public-read — anyone can read and list objects',
  'public-objects-read': 'public-objects-read — anyone can read an object by name, not list',
  'public-write': 'public-write — anyone can upload, not read',
  'public-read-write': 'public-read-write — anyone can read, list, upload and delete',
  custom: 'custom — your own bucket policy document',
};

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
      <SelectField label="Bucket access" value={state.storagePolicy} onChange={(e) => set('storagePolicy', e.target.value as ObjectStoragePolicy)} errors={errors['objectStorage.policy']}>
        {OBJECT_STORAGE_POLICIES.map((p) => (
          <option key={p} value={p}>
            {POLICY_LABELS[p]}
          </option>
        ))}
      </SelectField>
      {state.storagePolicy === 'custom' && (
        <label className="block space-y-1 text-sm">
          <span className="font-medium">Bucket policy (JSON; {'{{ .BucketName }}'} stands for the bucket)</span>
          <textarea
            className="h-40 w-full rounded-lg border border-slate-300 p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
            value={state.storageRawPolicy}
            onChange={(e) => set('storageRawPolicy', e.target.value)}
            aria-invalid={Boolean(errors['objectStorage.rawPolicy'])}
            spellCheck={false}
          />
          {errors['objectStorage.rawPolicy'] && (
            <span role="alert" className="block text-sm text-red-600 dark:text-red-400">
              {errors['objectStorage.rawPolicy'].join(' ')}
            </span>
          )}
        </label>
      )}
      <p className="text-xs text-slate-500">Public access goes through the project&apos;s address: turn on subdomain access on the next step.</p>
    </div>
  );
}
