'use client';

import { useState } from 'react';
import { deleteEnvAction, setEnvAction } from '@/app/(dashboard)/projects/[projectId]/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { EnvView } from '@/lib/services/env';
import { ActionForm } from './action-form';

/** Variables of a project or service: secrets masked (reveal and copy for writers), add/update/delete. */
export function EnvEditor({
  projectId,
  serviceId,
  variables,
  revealed,
  canWrite,
  title,
}: {
  projectId: string;
  serviceId?: string;
  variables: EnvView[];
  revealed?: Record<string, string>;
  canWrite: boolean;
  title: string;
}) {
  const [shown, setShown] = useState<Record<string, boolean>>({});
  const hidden = { projectId, serviceId: serviceId ?? '' };
  return (
    <section aria-label={title} className="space-y-3">
      <h2 className="text-lg font-semibold">{title}</h2>
      <Alert tone="info">Changes take effect when the service restarts (a restart creates containers with the new values).</Alert>
      {variables.length === 0 ? (
        <p className="text-sm text-slate-500">No variables yet.</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-slate-500">
              <th className="py-1">Key</th>
              <th>Value</th>
              <th className="sr-only">Actions</th>
            </tr>
          </thead>
          <tbody>
            {variables.map((v) => {
              const plain = revealed?.[v.key];
              const visible = v.secret && shown[v.key] && plain !== undefined ? plain : v.value;
              return (
                <tr key={v.id} className="border-t border-slate-100 dark:border-slate-800">
                  <td className="py-1.5 pr-2 font-mono">
                    {v.key}
                    {v.kind === 'generated' && <span className="ml-2 text-xs text-slate-400">generated</span>}
                  </td>
                  <td className="max-w-md truncate font-mono" title={v.secret ? undefined : v.value}>
                    {visible}
                    {v.unresolved.length > 0 && (
                      <span className="ml-2 text-xs text-amber-600" role="note">
                        unresolved: {v.unresolved.map((u) => '${' + u + '}').join(', ')} (stays literal)
                      </span>
                    )}
                  </td>
                  <td className="flex justify-end gap-1 py-1">
                    {v.secret && plain !== undefined && (
                      <Button variant="ghost" onClick={() => setShown((s) => ({ ...s, [v.key]: !s[v.key] }))} aria-label={`${shown[v.key] ? 'Hide' : 'Reveal'} ${v.key}`}>
                        {shown[v.key] ? 'Hide' : 'Reveal'}
                      </Button>
                    )}
                    {(!v.secret || plain !== undefined) && (
                      <Button variant="ghost" onClick={() => navigator.clipboard?.writeText(plain ?? v.value)} aria-label={`Copy ${v.key}`}>
                        Copy
                      </Button>
                    )}
                    {canWrite && v.kind === 'user' && (
                      <ActionForm action={deleteEnvAction} hidden={{ ...hidden, key: v.key }}>
                        {(_s, pending) => (
                          <Button type="submit" variant="ghost" disabled={pending} aria-label={`Delete ${v.key}`}>
                            Delete
                          </Button>
                        )}
                      </ActionForm>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {canWrite && (
        <ActionForm action={setEnvAction} hidden={hidden} className="grid items-end gap-2 sm:grid-cols-[1fr_2fr_auto_auto]">
          {(state, pending) => (
            <>
              <Field label="Key" name="key" defaultValue={state.ok ? '' : state.values?.key} errors={state.fieldErrors?.key} />
              <Field label="Value" name="value" defaultValue={state.ok ? '' : state.values?.value} errors={state.fieldErrors?.value} placeholder="${db_connectionString}" />
              <label className="flex items-center gap-2 pb-2 text-sm">
                <input type="checkbox" name="secret" /> Secret
              </label>
              <Button type="submit" disabled={pending} className="mb-0.5">
                Save variable
              </Button>
            </>
          )}
        </ActionForm>
      )}
    </section>
  );
}
