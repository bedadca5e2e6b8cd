import Link from 'next/link';
import { Badge, statusTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import type { ProjectSummary } from '@/lib/services/projects';
import { Sparkline } from './sparkline';

export function ProjectCard({ summary, cpu }: { summary: ProjectSummary; cpu: number[] }) {
  const { project } = summary;
  return (
    <Card className="flex flex-col gap-3 transition hover:border-indigo-400">
      <div className="flex items-start justify-between gap-2">
        <Link href={`/projects/${project.id}`} className="text-lg font-semibold hover:text-indigo-600">
          {project.name}
        </Link>
        <Badge tone={statusTone(project.status)}>{project.status}</Badge>
      </div>
      <div className="flex flex-wrap gap-2">
        <Badge tone={project.corePackage === 'SERIOUS' ? 'violet' : 'blue'}>{project.corePackage === 'SERIOUS' ? 'Serious core' : 'Light core'}</Badge>
        {summary.role !== 'owner' && <Badge>{summary.role}</Badge>}
      </div>
      <dl className="grid grid-cols-3 gap-2 text-sm">
        <div>
          <dt className="text-xs text-slate-500">Address</dt>
          <dd className="font-mono">{project.address ?? '—'}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Services</dt>
          <dd>{summary.serviceCount}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Containers</dt>
          <dd>
            {summary.containersRunning}/{summary.containersTotal} running
          </dd>
        </div>
      </dl>
      <div>
        <p className="text-xs text-slate-500">CPU, last 30 minutes</p>
        <Sparkline values={cpu} label={`CPU of ${project.name}`} />
      </div>
      {summary.runningProcesses > 0 && (
        <p className="text-xs text-amber-700 dark:text-amber-400">
          <span aria-hidden>●</span> {summary.runningProcesses} process{summary.runningProcesses > 1 ? 'es' : ''} running or queued
        </p>
      )}
    </Card>
  );
}
