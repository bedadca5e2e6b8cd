import Link from 'next/link';
import { Badge, statusTone } from '@/components/ui/badge';
import type { ProjectSnapshot } from '@/lib/services/snapshot';
import { ServiceIcon } from './service-icon';

export function ServiceCard({ projectId, service }: { projectId: string; service: ProjectSnapshot['services'][number] }) {
  return (
    <Link
      href={`/projects/${projectId}/services/${service.id}`}
      className="block rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition hover:border-indigo-400 dark:border-slate-800 dark:bg-slate-900"
      aria-label={`Service ${service.hostname}`}
    >
      <div className="flex items-start justify-between gap-2">
        <div className="flex items-center gap-3">
          <ServiceIcon type={service.type} />
          <div>
            <p className="font-semibold">{service.hostname}</p>
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
        {service.ports.map((p) => (
          <code key={p.port} className="rounded bg-slate-100 px-1.5 py-0.5 dark:bg-slate-800">
            {service.hostname}:{p.port}
          </code>
        ))}
      </div>
      {service.publicUrl && (
        <p className="mt-2 truncate text-xs">
          Public: <span className="font-mono text-indigo-600 dark:text-indigo-400">{service.publicUrl}</span>
        </p>
      )}
    </Link>
  );
}
