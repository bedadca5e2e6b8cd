'use client';

import { useActionState, useState } from 'react';
import { createProjectAction } from '@/app/(dashboard)/projects/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { initialActionState } from '@/lib/actions/action-state';

const packages = [
  { value: 'LIGHT', title: 'Lightweight', blurb: 'One balancer container: HTTP routing with TLS, public ports, firewall. Good for development and small sites.' },
  { value: 'SERIOUS', title: 'Serious', blurb: 'Two balancer containers serving the same address at once: one can fail or restart without dropping the project.' },
];

const comparison: [string, string, string][] = [
  ['Balancer containers', '1', '2, same address'],
  ['A balancer fails', 'traffic stops until it restarts', 'the other keeps serving'],
  ['Logs and statistics', 'kept by Berth', 'kept by Berth'],
  ['Change later', 'upgrade to Serious, no downtime', 'no downgrade'],
];

export function CreateProjectDialog({ disabled, ipv4ByDefault = true }: { disabled?: boolean; ipv4ByDefault?: boolean }) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(createProjectAction, initialActionState);
  const fe = state.fieldErrors ?? {};
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={disabled}>
        New project
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Create a project">
        <form action={action} className="space-y-4" noValidate>
          {state.error && <Alert>{state.error}</Alert>}
          <Field label="Project name" name="name" defaultValue={state.values?.name} errors={fe.name} autoFocus />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Core package</legend>
            {packages.map((p, i) => (
              <label key={p.value} className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 dark:border-slate-700 dark:has-[:checked]:bg-indigo-950">
                <input type="radio" name="corePackage" value={p.value} defaultChecked={(state.values?.corePackage ?? 'LIGHT') === p.value || (!state.values && i === 0)} />
                <span>
                  <span className="block text-sm font-semibold">{p.title}</span>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">{p.blurb}</span>
                </span>
              </label>
            ))}
            <details className="text-xs">
              <summary className="cursor-pointer text-slate-600 dark:text-slate-300">Compare the packages</summary>
              <table className="mt-2 w-full text-left">
                <thead>
                  <tr className="text-slate-500">
                    <th className="py-1 font-normal"><span className="sr-only">Feature</span></th>
                    <th className="font-medium">Lightweight</th>
                    <th className="font-medium">Serious</th>
                  </tr>
                </thead>
                <tbody>
                  {comparison.map(([what, light, serious]) => (
                    <tr key={what} className="border-t border-slate-100 dark:border-slate-800">
                      <th scope="row" className="py-1 pr-2 font-normal text-slate-500">{what}</th>
                      <td className="pr-2">{light}</td>
                      <td>{serious}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
            {fe.corePackage && <p role="alert" className="text-sm text-red-600">{fe.corePackage.join(' ')}</p>}
          </fieldset>
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">Public addresses</legend>
            <p className="text-xs text-slate-500 dark:text-slate-400">Every project gets its own IPv6 address. An IPv4 address is optional and can be added or released later.</p>
            {[
              { value: 'on', label: 'IPv6 and IPv4' },
              { value: 'off', label: 'IPv6 only' },
            ].map((o) => (
              <label key={o.value} className="mr-4 inline-flex items-center gap-2 text-sm">
                <input type="radio" name="publicIpV4" value={o.value} defaultChecked={(state.values?.publicIpV4 ?? (ipv4ByDefault ? 'on' : 'off')) === o.value} />
                {o.label}
              </label>
            ))}
          </fieldset>
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">Private network</legend>
            <label className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="networkIpv6" value="on" defaultChecked={state.values?.networkIpv6 === 'on'} />
              IPv6 beside IPv4 between the project&apos;s services
            </label>
            <p className="text-xs text-slate-500 dark:text-slate-400">
              Chosen now, it cannot be changed later. Hostnames then resolve to IPv6 first: Berth&apos;s services listen on both families, your own code must listen on <code>::</code> too.
            </p>
          </fieldset>
          <div className="space-y-1">
            <label htmlFor="project-env" className="block text-sm font-medium">
              Project environment variables (optional)
            </label>
            <textarea
              id="project-env"
              name="env"
              rows={3}
              placeholder={'APP_ENV=production\nLOG_LEVEL=info'}
              defaultValue={state.values?.env}
              className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
            />
            {Object.entries(fe)
              .filter(([k]) => k.startsWith('env'))
              .map(([k, v]) => (
                <p key={k} role="alert" className="text-sm text-red-600">
                  {k}: {v.join(' ')}
                </p>
              ))}
            <p className="text-xs text-slate-500">Inherited by every service of the project. One KEY=value per line.</p>
          </div>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? 'Creating…' : 'Create project and add services'}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
