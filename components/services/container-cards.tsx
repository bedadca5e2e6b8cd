'use client';

import { Badge, statusTone } from '@/components/ui/badge';
import type { ProjectSnapshot } from '@/lib/domain/snapshot';
import type { StatsSample } from '@/lib/query/stats/use-stats-query';
import { formatBytes } from './format';

type Container = ProjectSnapshot['containers'][number];

/** One card per container: role in the topology, status, health, restarts and the latest CPU/memory. */
export function ContainerCards({ containers, latest }: { containers: Container[]; latest: Map<string, StatsSample> }) {
  if (containers.length === 0) return <p className="text-sm text-slate-500">Containers appear here as the process creates them.</p>;
  return (
    <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
      {containers.map((c) => {
        const s = latest.get(c.name);
        const memPct = s?.memoryLimit ? Math.min(100, (s.memory / s.memoryLimit) * 100) : undefined;
        return (
          <li key={c.name} aria-label={`Container ${c.name}`} className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <div className="flex items-center justify-between gap-2">
              <code className="truncate text-xs" title={c.name}>
                {c.name}
              </code>
              <Badge tone={statusTone(c.status)} label={`status ${c.status}`}>
                {c.status}
              </Badge>
            </div>
            <dl className="mt-2 grid grid-cols-3 gap-2 text-xs">
              <div>
                <dt className="text-slate-500">Role</dt>
                <dd>{c.role}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Health</dt>
                <dd>{c.health ?? 'no check'}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Restarts</dt>
                <dd aria-label={`restarts ${c.restartCount}`}>{c.restartCount}</dd>
              </div>
              <div>
                <dt className="text-slate-500">CPU</dt>
                <dd>{s ? `${s.cpu.toFixed(1)} %` : '—'}</dd>
              </div>
              <div className="col-span-2">
                <dt className="text-slate-500">Memory</dt>
                <dd>
                  {s ? formatBytes(s.memory) : '—'}
                  {s?.memoryLimit ? ` of ${formatBytes(s.memoryLimit)}` : ''}
                </dd>
              </div>
            </dl>
            {memPct !== undefined && (
              <div className="mt-2 h-1.5 rounded bg-slate-100 dark:bg-slate-800" role="meter" aria-label={`memory use of ${c.name}`} aria-valuenow={Math.round(memPct)} aria-valuemin={0} aria-valuemax={100}>
                <div className="h-1.5 rounded bg-indigo-500" style={{ width: `${memPct}%` }} />
              </div>
            )}
            {c.startedAt && <p className="mt-2 text-[11px] text-slate-500">started {new Date(c.startedAt).toLocaleString()}</p>}
          </li>
        );
      })}
    </ul>
  );
}
