'use client';

import Link from 'next/link';
import { EnvEditor } from '@/components/projects/env-editor';
import { ProcessList } from '@/components/projects/process-list';
import { ServiceIcon } from '@/components/projects/service-icon';
import { LogsViewer } from '@/components/services/logs-viewer';
import type { DomainRow } from '@/components/services/domains-panel';
import { PublicAccess, type PortRow } from '@/components/services/public-access';
import { ServiceControls } from '@/components/services/service-controls';
import { StatsCharts } from '@/components/services/stats-charts';
import { Badge, statusTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { useProjectSnapshot } from '@/lib/query/projects/use-project-snapshot';
import type { EnvView } from '@/lib/services/env';
import type { ProjectSnapshot } from '@/lib/services/snapshot';

export function ServiceClient({
  initial,
  serviceId,
  env,
  revealed,
  ports,
  routeFirewall,
  domains,
  pendingRouting,
}: {
  initial: ProjectSnapshot;
  serviceId: string;
  env: EnvView[];
  revealed?: Record<string, string>;
  ports: PortRow[];
  routeFirewall?: { policy: string; ranges: string[] };
  domains: DomainRow[];
  pendingRouting: number;
}) {
  const s = useProjectSnapshot(initial);
  const service = s.services.find((x) => x.id === serviceId);
  if (!service) return <p>This service was deleted. <Link href={`/projects/${s.project.id}`} className="underline">Back to the project</Link></p>;
  const containers = s.containers.filter((c) => c.serviceId === serviceId);
  const canWrite = s.role !== 'viewer';
  const own = { ...s, processes: s.processes.filter((p) => p.serviceId === serviceId) };
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href="/projects" className="hover:underline">Projects</Link> /{' '}
            <Link href={`/projects/${s.project.id}`} className="hover:underline">{s.project.name}</Link> /
          </p>
          <h1 className="flex items-center gap-3 text-2xl font-semibold">
            <ServiceIcon type={service.type} /> {service.hostname}
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={statusTone(service.status)}>{service.status}</Badge>
            {service.mode === 'HA' && <Badge tone="violet">HA</Badge>}
            <span className="text-slate-500">{service.type}@{service.version}</span>
            {service.ports.map((p) => (
              <code key={p.port} className="rounded bg-slate-100 px-1.5 dark:bg-slate-800">{service.hostname}:{p.port}</code>
            ))}
          </div>
          {service.publicUrl && (
            <p className="mt-2 text-sm">
              Public URL:{' '}
              <a href={service.publicUrl} target="_blank" rel="noreferrer" className="font-mono text-indigo-600 underline dark:text-indigo-400">{service.publicUrl}</a>{' '}
              <button type="button" className="text-xs underline" onClick={() => navigator.clipboard?.writeText(service.publicUrl!)}>Copy</button>
            </p>
          )}
        </div>
        {canWrite && (
          <ServiceControls projectId={s.project.id} serviceId={service.id} hostname={service.hostname} running={service.running} scalable={service.type !== 'postgresql' && service.mode !== 'HA' && ['nodejs', 'python', 'go', 'php-nginx', 'static', 'nginx', 'debian'].includes(service.type)} containerCount={service.containerCount} />
        )}
      </div>

      <section aria-labelledby="containers-h" className="space-y-3">
        <h2 id="containers-h" className="text-lg font-semibold">Containers</h2>
        {containers.length === 0 && <p className="text-sm text-slate-500">Containers appear here as the process creates them.</p>}
        <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {containers.map((c) => (
            <li key={c.name} aria-label={`Container ${c.name}`} className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              <div className="flex items-center justify-between gap-2">
                <code className="truncate text-xs">{c.name}</code>
                <Badge tone={statusTone(c.status)} label={`status ${c.status}`}>{c.status}</Badge>
              </div>
              <dl className="mt-2 grid grid-cols-3 gap-2 text-xs">
                <div><dt className="text-slate-500">Role</dt><dd>{c.role}</dd></div>
                <div><dt className="text-slate-500">Health</dt><dd>{c.health ?? 'no check'}</dd></div>
                <div><dt className="text-slate-500">Restarts</dt><dd>{c.restartCount}</dd></div>
              </dl>
            </li>
          ))}
        </ul>
      </section>

      <Card>
        <PublicAccess
          projectId={s.project.id}
          serviceId={service.id}
          address={s.project.address}
          hasHttp={service.ports.some((p) => p.httpSupport)}
          subdomainAccess={service.subdomainAccess}
          routeFirewall={routeFirewall}
          ports={ports}
          defaultPort={service.ports[0]?.port}
          canWrite={canWrite}
          domains={domains}
          pendingRouting={pendingRouting}
        />
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">Statistics</h2>
        <StatsCharts projectId={s.project.id} serviceId={service.id} />
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">Logs</h2>
        <LogsViewer projectId={s.project.id} serviceId={service.id} containers={containers.map((c) => c.name)} />
      </Card>

      <div className="grid gap-8 lg:grid-cols-2">
        <Card>
          <EnvEditor title="Environment variables" projectId={s.project.id} serviceId={service.id} variables={env} revealed={revealed} canWrite={canWrite} />
        </Card>
        <section aria-labelledby="sp-h" className="space-y-3">
          <h2 id="sp-h" className="text-lg font-semibold">Processes</h2>
          <ProcessList snapshot={own} canWrite={canWrite} />
        </section>
      </div>
    </div>
  );
}
