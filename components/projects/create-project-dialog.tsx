'use client';

import { useActionState, useState } from 'react';
import { createProjectAction } from '@/app/(dashboard)/projects/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { initialActionState } from '@/lib/actions/action-state';

const packages = [
  { value: 'LIGHT', title: 'Lightweight', blurb: 'One core container: routing, TLS, public ports, firewall, logs and statistics.' },
  { value: 'SERIOUS', title: 'Serious', blurb: 'Two balancers serving the same address at once, plus a dedicated logger.' },
];

export function CreateProjectDialog({ disabled }: { disabled?: boolean }) {
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
            {fe.corePackage && <p className="text-sm text-red-600">{fe.corePackage.join(' ')}</p>}
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
              {pending ? 'Creating…' : 'Create project'}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
