'use client';

import type { TextareaHTMLAttributes } from 'react';
import { SelectField } from '@/components/ui/field';
import { OBJECT_STORAGE_POLICIES, type ObjectStoragePolicy } from '@/lib/catalog/bucket-policy';

const POLICY_LABELS: Record<ObjectStoragePolicy, string> = {
  private: 'private — only requests signed with the key pair',
  'public-read': 'public-read — anyone can read and list objects',
  'public-objects-read': 'public-objects-read — anyone can read an object by name, not list',
  'public-write': 'public-write — anyone can upload, not read',
  'public-read-write': 'public-read-write — anyone can read, list, upload and delete',
  custom: 'custom — your own bucket policy document',
};

interface Props {
  label: string;
  policy: ObjectStoragePolicy;
  onPolicy: (policy: ObjectStoragePolicy) => void;
  /** Form field names, when the fields post with a form (the wizard keeps them in its state instead). */
  names?: { policy: string; rawPolicy: string };
  /** The custom document's textarea: controlled (`value`, `onChange`) or not (`defaultValue`). */
  raw: Pick<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'defaultValue' | 'onChange'>;
  errors: { policy?: string[]; rawPolicy?: string[] };
}

/** A bucket's access (Zerops' policy names) and, for `custom`, its own policy document. */
export function BucketPolicyFields({ label, policy, onPolicy, names, raw, errors }: Props) {
  return (
    <>
      <SelectField label={label} name={names?.policy} value={policy} onChange={(e) => onPolicy(e.target.value as ObjectStoragePolicy)} errors={errors.policy}>
        {OBJECT_STORAGE_POLICIES.map((p) => (
          <option key={p} value={p}>
            {POLICY_LABELS[p]}
          </option>
        ))}
      </SelectField>
      {policy === 'custom' && (
        <label className="block space-y-1 text-sm sm:col-span-2">
          <span className="font-medium">Bucket policy (JSON; {'{{ .BucketName }}'} stands for the bucket)</span>
          <textarea
            {...raw}
            name={names?.rawPolicy}
            className="h-40 w-full rounded-lg border border-slate-300 p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
            aria-invalid={Boolean(errors.rawPolicy)}
            spellCheck={false}
          />
          {errors.rawPolicy && (
            <span role="alert" className="block text-sm text-red-600 dark:text-red-400">
              {errors.rawPolicy.join(' ')}
            </span>
          )}
        </label>
      )}
    </>
  );
}
