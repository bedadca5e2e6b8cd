import Link from 'next/link';
import { Badge, statusTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import type { ProjectCardData } from '@/lib/domain/project-cards';
import { Sparkline } from './sparkline';
import { ProjectAddresses } from './project-addresses';

export function ProjectCard({ project }: { project: ProjectCardData }) {
  return (
    <Card className="flex h-full flex-col gap-3 transition focus-within:border-indigo-400 hover:border-indigo-400">
      <div className="flex items-start justify-between gap-2">
        <Link href={`/projects/${project.id}`} className="text-lg font-semibold hover:text-indigo-600 hover:underline">
          {project.name}
        </Link>
        <Badge tone={statusTone(project.status)} label={`project status ${project.status}`}>
          {project.status}
        </Badge>
      </div>
      <div className="flex flex-wrap gap-2">
        <Badge tone={project.corePackage === 'SERIOUS' ? 'violet' : 'blue'}>{project.corePackage === 'SERIOUS' ? 'Serious core' : 'Light core'}</Badge>
        {project.role !== 'owner' && <Badge>{project.role}</Badge>}
      </div>
      <ProjectAddresses address6={project.address6} address={project.address} compact />
      <dl className="grid grid-cols-2 gap-2 text-sm">
        <div>
          <dt className="text-xs text-slate-500">Services</dt>
          <dd>{project.serviceCount}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Containers</dt>
          <dd>
            {project.containersRunning}/{project.containersTotal} running
          </dd>
        </div>
      </dl>
      <div className="mt-auto">
        <p className="text-xs text-slate-500">CPU, last 30 minutes</p>
        <Sparkline values={project.cpu} label={`CPU of ${project.name}`} />
      </div>
      <p className="text-xs text-slate-500">
        {project.runningProcesses > 0 ? (
          <span className="text-sky-700 dark:text-sky-300">
            <span aria-hidden>●</span> {project.runningProcesses} process{project.runningProcesses > 1 ? 'es' : ''} running or queued
          </span>
        ) : (
          'No process running'
        )}
      </p>
    </Card>
  );
}
