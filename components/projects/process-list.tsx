'use client';

import { cancelProcessAction } from '@/app/(dashboard)/projects/[projectId]/actions';
import { Badge, statusTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { ProjectSnapshot } from '@/lib/services/snapshot';
import { ActionForm } from './action-form';

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
};

function elapsed(p: ProjectSnapshot['processes'][number]): string {
  if (!p.startedAt) return 'in queue';
  const end = p.finishedAt ? new Date(p.finishedAt).getTime() : Date.now();
  return `${Math.max(0, Math.round((end - new Date(p.startedAt).getTime()) / 1000))} s`;
}

export function ProcessList({ snapshot, canWrite }: { snapshot: ProjectSnapshot; canWrite: boolean }) {
  const host = (id: string | null) => snapshot.services.find((s) => s.id === id)?.hostname;
  if (!snapshot.processes.length) return <p className="text-sm text-slate-500">No processes yet. Every change you make runs as a process here.</p>;
  return (
    <ol className="space-y-2" aria-label="Processes">
      {snapshot.processes.map((p) => {
        const live = ['PENDING', 'RUNNING', 'CANCELING'].includes(p.status);
        return (
          <li key={p.id} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" aria-label={`${p.action} ${p.status}`}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div className="flex items-center gap-2">
                <Badge tone={p.status === 'PENDING' ? 'amber' : p.status === 'RUNNING' ? 'blue' : statusTone(p.status)}>{p.status === 'PENDING' ? 'in queue' : p.status}</Badge>
                <span className="text-sm font-medium">
                  {labels[p.action] ?? p.action}
                  {host(p.serviceId) ? ` · ${host(p.serviceId)}` : ''}
                </span>
                <code className="text-xs text-slate-500">{p.action}</code>
              </div>
              <div className="flex items-center gap-3 text-xs text-slate-500">
                <span>
                  {p.createdBySystem ? 'by Berth' : 'by you'} · {elapsed(p)}
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
            {p.log.length > 0 && (live || p.status === 'FAILED') && (
              <pre className="mt-2 max-h-40 overflow-auto rounded bg-slate-950 p-2 text-xs text-slate-200" aria-label="Step log">
                {p.log.map((l) => `${new Date(l.at).toLocaleTimeString()}  ${l.message}`).join('\n')}
              </pre>
            )}
          </li>
        );
      })}
    </ol>
  );
}
