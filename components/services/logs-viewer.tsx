'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Field, SelectField } from '@/components/ui/field';
import { projectKeys } from '@/lib/query/projects/keys';
import type { LogLine } from '@/lib/services/logs';

const RANGES: [string, number][] = [
  ['Last 15 minutes', 15 * 60],
  ['Last hour', 3600],
  ['Last 24 hours', 86400],
  ['All', 0],
];

/**
 * Collected output (it outlives the containers) of a service or the whole project: per container
 * or all, with search, time range and follow (polls while following).
 */
export function LogsViewer({ projectId, serviceId, containers }: { projectId: string; serviceId?: string; containers: string[] }) {
  const [container, setContainer] = useState('');
  const [q, setQ] = useState('');
  const [range, setRange] = useState(3600);
  const [follow, setFollow] = useState(true);
  const logs = useQuery({
    queryKey: [...projectKeys.logs(projectId, `${serviceId ?? 'all'}:${container}`), q, range],
    refetchInterval: follow ? 2000 : false,
    queryFn: async () => {
      const params = new URLSearchParams({ service: serviceId ?? '', container, q });
      if (range) params.set('since', new Date(Date.now() - range * 1000).toISOString());
      const res = await fetch(`/api/projects/${projectId}/logs?${params}`);
      if (!res.ok) throw new Error((await res.json()).error?.message ?? 'Could not read logs');
      return ((await res.json()) as { lines: LogLine[] }).lines;
    },
  });
  return (
    <section aria-label="Logs" className="space-y-3">
      <div className="grid gap-2 sm:grid-cols-4">
        <SelectField label="Container" value={container} onChange={(e) => setContainer(e.target.value)}>
          <option value="">All containers</option>
          {containers.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
        <Field label="Search logs" value={q} onChange={(e) => setQ(e.target.value)} placeholder="text to find" />
        <SelectField label="Time range" value={String(range)} onChange={(e) => setRange(Number(e.target.value))}>
          {RANGES.map(([l, v]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </SelectField>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
      </div>
      {logs.error && <p className="text-sm text-red-600">{logs.error.message}</p>}
      <pre aria-label="Log lines" className="h-72 overflow-auto rounded-lg bg-slate-950 p-3 text-xs leading-relaxed text-slate-200">
        {logs.data?.length
          ? logs.data.map((l) => `${l.at.slice(11, 19)} ${container ? '' : `${l.container.replace(/^berth-[0-9a-f]{8}-/, '')} `}${l.stream === 'stderr' ? '!' : ' '} ${l.line}`).join('\n')
          : 'No log lines in this range yet.'}
      </pre>
    </section>
  );
}
