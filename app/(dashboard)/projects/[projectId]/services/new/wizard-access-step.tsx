'use client';

import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';
import { servicePorts, type PublicPortRow, type WizardCatalogEntry, type WizardState } from './wizard-state';

type Set = <K extends keyof WizardState>(key: K, value: WizardState[K]) => void;

function FirewallFields({ idPrefix, policy, ranges, onPolicy, onRanges, errors }: { idPrefix: string; policy: string; ranges: string; onPolicy: (p: PublicPortRow['policy']) => void; onRanges: (r: string) => void; errors?: string[] }) {
  return (
    <div className="grid gap-2 sm:grid-cols-[1fr_2fr]">
      <SelectField label={`${idPrefix} firewall`} value={policy} onChange={(e) => onPolicy(e.target.value as PublicPortRow['policy'])}>
        <option value="none">open to everyone</option>
        <option value="allow">allow only these</option>
        <option value="deny">deny these</option>
      </SelectField>
      {policy !== 'none' && <Field label={`${idPrefix} addresses`} value={ranges} onChange={(e) => onRanges(e.target.value)} placeholder="203.0.113.0/24, 198.51.100.7" errors={errors} />}
    </div>
  );
}

/** Step 5b: the runtime's HTTP port, subdomain access with its firewall, and public TCP/UDP ports. */
export function WizardAccessStep({ entry, state, set, errors, address }: { entry: WizardCatalogEntry; state: WizardState; set: Set; errors: Record<string, string[]>; address: string | null }) {
  const targets = servicePorts(entry, state);
  const hasHttp = entry.ports.some((p) => p.http);
  const rows = state.publicPorts;
  const update = (i: number, patch: Partial<PublicPortRow>) => set('publicPorts', rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="space-y-4">
      <legend className="text-sm font-medium">Ports and public access</legend>
      {entry.category === 'runtime' ? (
        <Field
          label="HTTP port"
          type="number"
          value={state.port}
          placeholder={String(entry.ports[0]?.port ?? '')}
          onChange={(e) => set('port', e.target.value)}
          errors={errors.port}
          hint="The port your app listens on (0.0.0.0), from 10 to 65435. Empty keeps the default."
        />
      ) : (
        <p className="text-sm">
          Listens on{' '}
          {entry.ports.length ? entry.ports.map((p) => <code key={p.port} className="mr-1 rounded bg-slate-100 px-1 dark:bg-slate-800">{`${p.protocol}/${p.port}${p.http ? ' http' : ''}`}</code>) : 'no ports'}
        </p>
      )}
      {hasHttp && (
        <div className="space-y-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={state.subdomain} onChange={(e) => set('subdomain', e.target.checked)} /> Enable subdomain access
          </label>
          <p className="text-xs text-slate-500">A public URL on the Berth domain, routed by the project&apos;s own balancer with TLS.</p>
          {state.subdomain && (
            <FirewallFields idPrefix="HTTP" policy={state.firewallPolicy} ranges={state.firewallRanges} onPolicy={(p) => set('firewallPolicy', p)} onRanges={(r) => set('firewallRanges', r)} errors={errors.firewall} />
          )}
        </div>
      )}
      <div className="space-y-2">
        <p className="text-sm font-medium">Public ports on the project address{address ? ` ${address}` : ''}</p>
        {rows.map((row, i) => (
          <div key={i} className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
            <div className="grid items-start gap-2 sm:grid-cols-[1fr_1fr_auto]">
              <Field label={`Public port ${i + 1}`} type="number" value={row.publicPort} onChange={(e) => update(i, { publicPort: e.target.value })} errors={errors[`publicPorts.${i}.publicPort`]} hint="10 to 65435, not 80/443" />
              <SelectField label={`Public port ${i + 1} goes to`} value={row.target} onChange={(e) => update(i, { target: e.target.value })} errors={errors[`publicPorts.${i}.target`]}>
                {targets.map((t) => (
                  <option key={`${t.protocol}/${t.port}`} value={`${t.protocol}/${t.port}`}>
                    {t.protocol}/{t.port}
                  </option>
                ))}
              </SelectField>
              <Button variant="ghost" className="mt-6" onClick={() => set('publicPorts', rows.filter((_, n) => n !== i))} aria-label={`Remove public port ${i + 1}`}>
                Remove
              </Button>
            </div>
            <FirewallFields idPrefix={`Port ${i + 1}`} policy={row.policy} ranges={row.ranges} onPolicy={(policy) => update(i, { policy })} onRanges={(ranges) => update(i, { ranges })} errors={errors[`publicPorts.${i}.ranges`]} />
          </div>
        ))}
        {targets.length > 0 && (
          <Button
            variant="secondary"
            onClick={() => set('publicPorts', [...rows, { publicPort: '', target: `${targets[0]!.protocol}/${targets[0]!.port}`, policy: 'none', ranges: '' }])}
          >
            Add public port
          </Button>
        )}
      </div>
    </fieldset>
  );
}
