'use client';

import { Badge, statusTone } from '@/components/ui/badge';
import type { ProjectSnapshot } from '@/lib/domain/snapshot';

type Process = ProjectSnapshot['processes'][number];

export function processBadge(status: string): { tone: ReturnType<typeof statusTone>; text: string } {
  if (status === 'PENDING') return { tone: 'amber', text: 'in queue' };
  if (status === 'RUNNING') return { tone: 'blue', text: 'RUNNING' };
  return { tone: statusTone(status), text: status };
}

export function elapsed(p: Pick<Process, 'startedAt' | 'finishedAt'>, now = Date.now()): string {
  if (!p.startedAt) return 'in queue';
  const end = p.finishedAt ? new Date(p.finishedAt).getTime() : now;
  const s = Math.max(0, Math.round((end - new Date(p.startedAt).getTime()) / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** One process's status and live step log (it grows as the worker logs steps). */
export function ProcessSteps({ process, title }: { process: Process; title: string }) {
  const b = processBadge(process.status);
  return (
    <div className="space-y-2" aria-label={title} role="group">
      <div className="flex items-center gap-2 text-sm">
        <Badge tone={b.tone} label={`${title}: ${process.status}`}>
          {b.text}
        </Badge>
        <span className="text-slate-500">{elapsed(process)}</span>
      </div>
      {process.error && <p className="text-sm text-red-600 dark:text-red-400">{process.error}</p>}
      <pre className="max-h-48 overflow-auto rounded bg-slate-950 p-2 text-xs text-slate-200" aria-label={`${title} step log`}>
        {process.log.length ? process.log.map((l) => `${new Date(l.at).toLocaleTimeString()}  ${l.message}`).join('\n') : 'Waiting for the first step…'}
      </pre>
    </div>
  );
}
