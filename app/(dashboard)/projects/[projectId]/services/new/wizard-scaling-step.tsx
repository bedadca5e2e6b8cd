'use client';

import { Field } from '@/components/ui/field';
import type { WizardCatalogEntry, WizardState } from './wizard-state';

type Set = <K extends keyof WizardState>(key: K, value: WizardState[K]) => void;

function Topology({ roles }: { roles: { role: string; count: number }[] }) {
  return (
    <span className="mt-1 flex flex-wrap gap-1" aria-label="HA topology">
      {roles.flatMap((r) =>
        Array.from({ length: r.count }, (_, i) => (
          <span key={`${r.role}-${i}`} className="rounded border border-violet-300 bg-violet-50 px-1.5 py-0.5 text-xs text-violet-800 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-200">
            {r.role} {i + 1}
          </span>
        )),
      )}
    </span>
  );
}

/** Step 4: HA or single container (with the topology) for types with HA, container count for runtimes, and resources. */
export function WizardScalingStep({ entry, state, set, errors }: { entry: WizardCatalogEntry; state: WizardState; set: Set; errors: Record<string, string[]> }) {
  const scalable = entry.scaling.max > 1;
  const modeError = errors.mode && (
    <p role="alert" className="text-sm text-red-600 dark:text-red-400">
      {errors.mode.join(' ')}
    </p>
  );
  return (
    <div className="space-y-5">
      {entry.ha ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Deployment mode (cannot be changed later)</legend>
          <label className="flex items-start gap-2 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700">
            <input type="radio" name="mode" className="mt-1" checked={state.mode === 'NON_HA'} onChange={() => set('mode', 'NON_HA')} />
            <span>
              <span className="font-medium">Single container</span>
              <span className="block text-xs text-slate-500">For development; data lives in one container&apos;s volume.</span>
            </span>
          </label>
          <label className="flex items-start gap-2 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700">
            <input type="radio" name="mode" className="mt-1" checked={state.mode === 'HA'} onChange={() => set('mode', 'HA')} />
            <span>
              <span className="font-medium">Highly available</span>
              {!entry.ha.available && <span className="text-amber-700 dark:text-amber-400"> (not yet available in Berth)</span>}
              <span className="block text-xs text-slate-500">{entry.ha.roles.map((r) => `${r.count} × ${r.role}`).join(' + ')}, spread as separate containers:</span>
              <Topology roles={entry.ha.roles} />
            </span>
          </label>
          {modeError}
        </fieldset>
      ) : (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">Deployment mode</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={state.mode === 'HA'} onChange={(e) => set('mode', e.target.checked ? 'HA' : 'NON_HA')} /> Highly available
          </label>
          <p className="text-xs text-slate-500">{entry.displayName} has no HA topology{scalable ? '; run several containers for redundancy instead.' : '.'}</p>
          {modeError}
        </fieldset>
      )}
      {scalable && (
        <Field
          label="Containers"
          type="number"
          min={entry.scaling.min}
          max={entry.scaling.max}
          value={state.count}
          onChange={(e) => set('count', e.target.value)}
          errors={errors.containerCount}
          hint={`${entry.scaling.min} to ${entry.scaling.max}. Run at least 2 in production: each is a replica behind the hostname, so one can fail or restart without an outage.`}
        />
      )}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Resources per container</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="CPU cores" type="number" step="0.1" placeholder={String(entry.resources.cpu)} value={state.cpu} onChange={(e) => set('cpu', e.target.value)} errors={errors.cpu} hint={`Default ${entry.resources.cpu}`} />
          <Field label="Memory (MB)" type="number" placeholder={String(entry.resources.memoryMb)} value={state.memory} onChange={(e) => set('memory', e.target.value)} errors={errors.memoryMb} hint={`Default ${entry.resources.memoryMb} MB`} />
        </div>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Automatic scaling (optional)</legend>
        <p className="text-xs text-slate-500">
          Berth raises and lowers each container&apos;s CPU and memory within these ranges as the load changes, without a restart{scalable ? ', and adds containers up to the maximum when they stay busy' : ''}. Empty: fixed.
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Minimum CPU cores" type="number" step="0.1" value={state.minCpu} onChange={(e) => set('minCpu', e.target.value)} errors={errors['autoscaling.minCpu']} />
          <Field label="Maximum CPU cores" type="number" step="0.1" value={state.maxCpu} onChange={(e) => set('maxCpu', e.target.value)} errors={errors['autoscaling.maxCpu']} />
          <Field label="Minimum RAM (GB)" type="number" step="0.125" value={state.minRam} onChange={(e) => set('minRam', e.target.value)} errors={errors['autoscaling.minRam']} />
          <Field label="Maximum RAM (GB)" type="number" step="0.125" value={state.maxRam} onChange={(e) => set('maxRam', e.target.value)} errors={errors['autoscaling.maxRam']} />
          {scalable && (
            <Field
              label="Maximum containers"
              type="number"
              min={1}
              max={entry.scaling.max}
              value={state.maxContainers}
              onChange={(e) => set('maxContainers', e.target.value)}
              errors={errors['autoscaling.maxContainers']}
              hint="The containers above are the minimum"
            />
          )}
        </div>
      </fieldset>
    </div>
  );
}
