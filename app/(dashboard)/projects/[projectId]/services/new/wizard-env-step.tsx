'use client';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

export interface EnvRow {
  key: string;
  value: string;
  secret: boolean;
}

/** Step 5: variables and secrets (with `${hostname_var}` suggestions) and public access. */
export function WizardEnvStep(props: {
  rows: EnvRow[];
  setRows: (rows: EnvRow[]) => void;
  errors: Record<string, string[]>;
  references: string[];
  ports: { port: number; protocol: string; http: boolean }[];
  subdomain: boolean;
  setSubdomain: (v: boolean) => void;
  /** Runtimes choose the HTTP port their app listens on. */
  port?: { value: string; set: (v: string) => void; placeholder: string };
}) {
  const update = (i: number, patch: Partial<EnvRow>) => props.setRows(props.rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  return (
    <div className="space-y-5">
      <div className="space-y-3">
        <p className="text-sm text-slate-500">Variables and secrets. Reference another service&apos;s variable as {'${hostname_variable}'}; project variables are inherited.</p>
        <datalist id="env-references">
          {props.references.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        {props.rows.map((row, i) => (
          <div key={i} className="grid items-end gap-2 sm:grid-cols-[1fr_2fr_auto_auto]">
            <Field label={`Variable ${i + 1} key`} value={row.key} onChange={(e) => update(i, { key: e.target.value })} errors={props.errors[`env.${i}.key`]} />
            <Field label={`Variable ${i + 1} value`} value={row.value} list="env-references" onChange={(e) => update(i, { value: e.target.value })} errors={props.errors[`env.${i}.value`]} />
            <label className="flex items-center gap-1 pb-2 text-sm">
              <input type="checkbox" checked={row.secret} onChange={(e) => update(i, { secret: e.target.checked })} /> Secret
            </label>
            <Button variant="ghost" onClick={() => props.setRows(props.rows.filter((_, n) => n !== i))} aria-label={`Remove variable ${i + 1}`}>
              Remove
            </Button>
          </div>
        ))}
        <Button variant="secondary" onClick={() => props.setRows([...props.rows, { key: '', value: '', secret: false }])}>
          Add variable
        </Button>
        {props.references.length > 0 && (
          <p className="text-xs text-slate-500">
            Available references: {props.references.slice(0, 8).join(', ')}
            {props.references.length > 8 ? '…' : ''}
          </p>
        )}
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium">Ports</p>
        {props.port ? (
          <Field
            label="HTTP port"
            type="number"
            value={props.port.value}
            placeholder={props.port.placeholder}
            onChange={(e) => props.port!.set(e.target.value)}
            errors={props.errors.port}
            hint="Anything from 10 to 65435; the app must listen on 0.0.0.0. Empty keeps the default."
          />
        ) : props.ports.length ? (
          <ul className="text-sm">
            {props.ports.map((p) => (
              <li key={p.port} className="font-mono">
                {p.protocol}://:{p.port}
                {p.http ? ' (HTTP)' : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">This type exposes no ports.</p>
        )}
        {props.ports.some((p) => p.http) && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={props.subdomain} onChange={(e) => props.setSubdomain(e.target.checked)} /> Enable subdomain access
          </label>
        )}
      </div>
    </div>
  );
}
