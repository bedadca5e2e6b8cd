import Link from 'next/link';
import { Badge, statusTone } from '@/components/ui/badge';
import type { ProjectSnapshot } from '@/lib/domain/snapshot';
import { CopyButton } from '@/components/ui/copy-button';
import { ServiceIcon } from './service-icon';

export function ServiceCard({ projectId, service, processes }: { projectId: string; service: ProjectSnapshot['services'][number]; processes: number }) {
  return (
    <article className="relative rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition focus-within:border-indigo-400 hover:border-indigo-400 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-start justify-between gap-2">
        <div className="flex items-center gap-3">
          <ServiceIcon type={service.type} />
          <div>
            <Link href={`/projects/${projectId}/services/${service.id}`} className="font-semibold hover:text-indigo-600 hover:underline" aria-label={`Service ${service.hostname}`}>
              {service.hostname}
            </Link>
            <p className="text-xs text-slate-500">
              {service.type} {service.version}
            </p>
          </div>
        </div>
        <Badge tone={statusTone(service.status)}>{service.status}</Badge>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
        <span>
          {service.containersRunning}/{service.containersTotal} containers running
        </span>
        {service.mode === 'HA' && <Badge tone="violet">HA</Badge>}
        {processes > 0 && (
          <span className="text-sky-700 dark:text-sky-300">
            <span aria-hidden>●</span> {processes} process{processes > 1 ? 'es' : ''}
          </span>
        )}
      </div>
      {service.ports.length > 0 && (
        <p className="mt-2 flex flex-wrap gap-1 text-xs">
          {service.ports.map((p) => (
            <code key={p.port} className="rounded bg-slate-100 px-1.5 py-0.5 dark:bg-slate-800">
              {service.hostname}:{p.port}
              {p.httpSupport ? ' http' : ''}
            </code>
          ))}
        </p>
      )}
      {service.publicUrl && (
        <p className="mt-2 flex items-center gap-1 text-xs">
          <span className="shrink-0">Public:</span>
          <a href={service.publicUrl} target="_blank" rel="noreferrer" className="truncate font-mono text-indigo-600 hover:underline dark:text-indigo-400">
            {service.publicUrl}
          </a>
          <CopyButton value={service.publicUrl} label={`Copy public URL of ${service.hostname}`} />
        </p>
      )}
    </article>
  );
}
