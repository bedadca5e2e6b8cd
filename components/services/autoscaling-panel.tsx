'use client';

import { setAutoscalingAction } from '@/app/(dashboard)/projects/[projectId]/services/[serviceId]/actions';
import { ActionForm } from '@/components/projects/action-form';
import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';
import type { StatsSample } from '@/lib/query/stats/use-stats-query';
import { Chart } from './stats-charts';
import { shortContainerName } from './container-name';

export interface ScalingEventView {
  id: number;
  at: string;
  resource: string;
  direction: string;
  fromValue: number;
  toValue: number;
  containerName: string | null;
  reason: string;
}

interface Props {
  projectId: string;
  serviceId: string;
  canWrite: boolean;
  horizontal: boolean;
  settings: Record<string, string | number | undefined>;
  current: { cpu: number; memoryMb: number; containers: number };
  host: { cpus: number; memoryGb: number };
  events: ScalingEventView[];
  samples: StatsSample[];
}

const UNITS: Record<string, (v: number) => string> = {
  cpu: (v) => `${v} CPU`,
  ram: (v) => `${Math.round(v)} MB`,
  containers: (v) => `${v} container${v === 1 ? '' : 's'}`,
  disk: (v) => `${v} GB`,
};

const range = (min: unknown, max: unknown, unit: string, fixed: string) => (min === undefined && max === undefined ? `fixed at ${fixed}` : `${min ?? '–'} to ${max ?? '–'} ${unit}`);

/** Containers per sampling time: how many of the service's containers the engine reported. */
function containerCounts(samples: StatsSample[]): [number, number][] {
  const byTime = new Map<number, Set<string>>();
  for (const s of samples) {
    const t = new Date(s.at).getTime();
    byTime.set(t, (byTime.get(t) ?? new Set()).add(s.container));
  }
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([t, set]) => [t, set.size]);
}

/** Current resources against the allowed ranges, the settings form, scaling events and the container count over time. */
export function AutoscalingPanel(p: Props) {
  const s = p.settings;
  const rows: [string, string, string][] = [
    ['CPU', `${p.current.cpu} cores`, range(s.minCpu, s.maxCpu, 'cores', `${p.current.cpu} cores`)],
    ['RAM', `${p.current.memoryMb} MB`, range(s.minRam, s.maxRam, 'GB', `${p.current.memoryMb} MB`)],
    ['Disk', 'watched (no quota)', range(s.minDisk, s.maxDisk, 'GB', 'not limited')],
  ];
  if (p.horizontal) rows.push(['Containers', String(p.current.containers), range(s.minContainers, s.maxContainers, '', String(p.current.containers))]);
  const field = (name: string, label: string, hint?: string) => (
    <Field key={name} label={label} name={name} type="number" step="any" min={0} defaultValue={s[name] === undefined ? '' : String(s[name])} hint={hint} />
  );
  return (
    <section aria-labelledby="as-h" className="space-y-4">
      <h2 id="as-h" className="text-lg font-semibold">
        Automatic scaling
      </h2>
      <table className="w-full text-sm" aria-label="Resources and allowed ranges">
        <thead className="text-left text-slate-500">
          <tr>
            <th className="py-1">Resource</th>
            <th>Current (per container)</th>
            <th>Allowed range</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, now, allowed]) => (
            <tr key={name} className="border-t border-slate-200 dark:border-slate-800">
              <td className="py-1 font-medium">{name}</td>
              <td>{now}</td>
              <td>{allowed}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.canWrite && (
        <ActionForm action={setAutoscalingAction} hidden={{ projectId: p.projectId, serviceId: p.serviceId }} className="space-y-3">
          {(state, pending) => (
            <>
              <div className="grid gap-3 sm:grid-cols-3">
                <SelectField label="CPU mode" name="cpuMode" defaultValue={String(s.cpuMode ?? 'SHARED')}>
                  <option value="SHARED">SHARED</option>
                  <option value="DEDICATED">DEDICATED</option>
                </SelectField>
                {field('minCpu', 'Min CPU (cores)', `the host has ${p.host.cpus}`)}
                {field('maxCpu', 'Max CPU (cores)')}
                {field('startCpuCoreCount', 'Start CPU (cores)')}
                {field('minRam', 'Min RAM (GB)', `the host has ${p.host.memoryGb} GB`)}
                {field('maxRam', 'Max RAM (GB)')}
                {field('minFreeRamGB', 'Min free RAM (GB)')}
                {field('minFreeRamPercent', 'Min free RAM (%)')}
                {field('minDisk', 'Min disk (GB)')}
                {field('maxDisk', 'Max disk (GB)', 'usage is watched, not enforced')}
                {p.horizontal && field('minContainers', 'Min containers', '1 to 10')}
                {p.horizontal && field('maxContainers', 'Max containers', '1 to 10')}
              </div>
              {state.fieldErrors && (
                <ul className="text-sm text-red-600" role="alert">
                  {Object.entries(state.fieldErrors).map(([k, v]) => (
                    <li key={k}>
                      {k}: {v.join(', ')}
                    </li>
                  ))}
                </ul>
              )}
              <Button type="submit" variant="secondary" disabled={pending}>
                Save scaling
              </Button>
            </>
          )}
        </ActionForm>
      )}
      <div className="grid gap-3 md:grid-cols-2">
        <Chart title="Containers" unit={(v) => String(Math.round(v))} series={[{ name: 'containers', points: containerCounts(p.samples) }]} />
        <div>
          <h3 className="mb-1 text-sm font-medium">Scaling events</h3>
          {p.events.length === 0 ? (
            <p className="text-sm text-slate-500">No scaling yet.</p>
          ) : (
            <ol className="max-h-48 space-y-1 overflow-y-auto text-xs" aria-label="Scaling events">
              {p.events.map((e) => (
                <li key={e.id}>
                  <time dateTime={e.at}>{new Date(e.at).toLocaleTimeString()}</time> {e.resource} {e.direction} {UNITS[e.resource]?.(e.fromValue)} → {UNITS[e.resource]?.(e.toValue)}
                  {e.containerName ? ` (${shortContainerName(e.containerName)})` : ''}: {e.reason}
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </section>
  );
}
