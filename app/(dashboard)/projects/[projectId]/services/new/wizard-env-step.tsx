'use client';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { ReferenceInput } from './reference-input';
import type { EnvRow } from './wizard-state';

/** Step 5a: variables and secrets, with `${hostname_var}` completion from the project's services. */
export function WizardEnvStep({ rows, setRows, errors, references }: { rows: EnvRow[]; setRows: (rows: EnvRow[]) => void; errors: Record<string, string[]>; references: string[] }) {
  const update = (i: number, patch: Partial<EnvRow>) => setRows(rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium">Variables and secrets</legend>
      <p className="text-sm text-slate-500">
        Project variables are inherited. Reference another service&apos;s variable as {'${hostname_variable}'}: type <code>{'${'}</code> for the list.
        Secrets are stored encrypted and masked in the console.
      </p>
      {rows.map((row, i) => (
        <div key={i} className="grid items-start gap-2 sm:grid-cols-[1fr_2fr_auto_auto]">
          <Field label={`Variable ${i + 1} key`} value={row.key} onChange={(e) => update(i, { key: e.target.value })} errors={errors[`env.${i}.key`]} autoComplete="off" />
          <ReferenceInput label={`Variable ${i + 1} value`} value={row.value} onChange={(value) => update(i, { value })} references={references} errors={errors[`env.${i}.value`]} />
          <label className="flex items-center gap-1 pt-8 text-sm">
            <input type="checkbox" checked={row.secret} onChange={(e) => update(i, { secret: e.target.checked })} /> Secret
          </label>
          <Button variant="ghost" className="mt-6" onClick={() => setRows(rows.filter((_, n) => n !== i))} aria-label={`Remove variable ${i + 1}`}>
            Remove
          </Button>
        </div>
      ))}
      <Button variant="secondary" onClick={() => setRows([...rows, { key: '', value: '', secret: false }])}>
        Add variable
      </Button>
      {references.length === 0 && <p className="text-xs text-slate-500">No other service yet, so there is nothing to reference.</p>}
    </fieldset>
  );
}
