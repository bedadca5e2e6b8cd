'use client';

import { useState } from 'react';
import { cancelProcessAction } from '@/app/(dashboard)/projects/[projectId]/actions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { ProjectSnapshot } from '@/lib/domain/snapshot';
import { ActionForm } from './action-form';
import { elapsed, processBadge } from './process-steps';

const labels: Record<string, string> = {
  'project.create': 'Create project and its core',
  'project.delete': 'Delete project',
  'project.updateEnvs': 'Update project variables',
  'project.upgradeCore': 'Upgrade core to Serious',
  'stack.create': 'Initialize & install service',
  'stack.start': 'Start service',
  'stack.stop': 'Stop service',
  'stack.restart': 'Restart service',
  'stack.delete': 'Delete service',
  'stack.scale': 'Scale service',
  'stack.updateEnv': 'Update service variables',
  'stack.updatePorts': 'Update public access',
  'project.publishRouting': 'Publish domain changes',
  'project.import': 'Import project from YAML',
  'service.deploy': 'Build and deploy',
  'service.activateVersion': 'Activate app version',
};

const FILTERS = {
  all: () => true,
  running: (s: string) => s === 'RUNNING' || s === 'CANCELING',
  queued: (s: string) => s === 'PENDING',
  finished: (s: string) => s === 'FINISHED',
  failed: (s: string) => s === 'FAILED' || s === 'CANCELED',
} as const;
type Filter = keyof typeof FILTERS;

/** The project's processes, newest first: live step logs for running ones, cancel for writers. */
export function ProcessList({ snapshot, canWrite }: { snapshot: ProjectSnapshot; canWrite: boolean }) {
  const [filter, setFilter] = useState<Filter>('all');
  const host = (id: string | null) => snapshot.services.find((s) => s.id === id)?.hostname;
  if (!snapshot.processes.length) return <p className="text-sm text-slate-500">No processes yet. Every change you make runs as a process and shows here with its steps.</p>;
  const shown = snapshot.processes.filter((p) => FILTERS[filter](p.status));
  return (
    <div className="space-y-2">
      <div role="group" aria-label="Filter processes" className="flex flex-wrap gap-1">
        {(Object.keys(FILTERS) as Filter[]).map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
            className="rounded-full border border-slate-200 px-2.5 py-0.5 text-xs capitalize aria-pressed:border-indigo-500 aria-pressed:bg-indigo-50 dark:border-slate-700 dark:aria-pressed:bg-indigo-950"
          >
            {f} {f === 'all' ? snapshot.processes.length : snapshot.processes.filter((p) => FILTERS[f](p.status)).length}
          </button>
        ))}
      </div>
      {shown.length === 0 && <p className="text-sm text-slate-500">No {filter} processes among the latest {snapshot.processes.length}.</p>}
      <ol className="space-y-2" aria-label="Processes">
        {shown.map((p) => {
          const live = ['PENDING', 'RUNNING', 'CANCELING'].includes(p.status);
          const b = processBadge(p.status);
          const log = p.log.map((l) => `${new Date(l.at).toLocaleTimeString()}  ${l.message}`).join('\n');
          return (
            <li key={p.id} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" aria-label={`${p.action} ${p.status}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="flex items-center gap-2">
                  <Badge tone={b.tone}>{b.text}</Badge>
                  <span className="text-sm font-medium">
                    {labels[p.action] ?? p.action}
                    {host(p.serviceId) ? ` · ${host(p.serviceId)}` : ''}
                  </span>
                  <code className="text-xs text-slate-500">{p.action}</code>
                </div>
                <div className="flex items-center gap-3 text-xs text-slate-500">
                  <span>
                    {p.createdBySystem ? 'by Berth' : 'by a user'} at {new Date(p.createdAt).toLocaleTimeString()} · {elapsed(p)}
                  </span>
                  {live && canWrite && (
                    <ActionForm action={cancelProcessAction} hidden={{ projectId: snapshot.project.id, processId: p.id }}>
                      {(_s, pending) => (
                        <Button type="submit" variant="secondary" disabled={pending || p.status === 'CANCELING'} aria-label={`Cancel ${p.action}`}>
                          Cancel
                        </Button>
                      )}
                    </ActionForm>
                  )}
                </div>
              </div>
              {p.error && <p className="mt-2 text-sm text-red-600 dark:text-red-400">{p.error}</p>}
              {p.log.length > 0 &&
                (live || p.status === 'FAILED' ? (
                  <pre className="mt-2 max-h-40 overflow-auto rounded bg-slate-950 p-2 text-xs text-slate-200" aria-label="Step log">
                    {log}
                  </pre>
                ) : (
                  <details className="mt-2 text-xs">
                    <summary className="cursor-pointer text-slate-500">Steps ({p.log.length})</summary>
                    <pre className="mt-1 max-h-40 overflow-auto rounded bg-slate-950 p-2 text-slate-200">{log}</pre>
                  </details>
                ))}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
