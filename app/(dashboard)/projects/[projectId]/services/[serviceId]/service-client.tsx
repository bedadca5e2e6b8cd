'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Breadcrumbs } from '@/components/shell/breadcrumbs';
import { ExportButton } from '@/components/import/export-button';
import { CopyButton } from '@/components/ui/copy-button';
import { EnvEditor } from '@/components/projects/env-editor';
import { ProcessList } from '@/components/projects/process-list';
import { ServiceIcon } from '@/components/projects/service-icon';
import { ContainerCards } from '@/components/services/container-cards';
import { BackupsPanel, type BackupView, type KeptView, type ScheduleView } from '@/components/services/backups-panel';
import { DeploysPanel } from '@/components/services/deploys-panel';
import { ObjectStoragePanel } from '@/components/services/object-storage-panel';
import type { ObjectStoragePolicy } from '@/lib/catalog/bucket-policy';
import type { DomainRow } from '@/components/services/domains-panel';
import { LogsViewer } from '@/components/services/logs-viewer';
import { PublicAccess, type PortRow } from '@/components/services/public-access';
import { ServiceCommand, ServiceControls } from '@/components/services/service-controls';
import { StatsCharts } from '@/components/services/stats-charts';
import { AutoscalingPanel, type ScalingEventView } from '@/components/services/autoscaling-panel';
import { Alert } from '@/components/ui/alert';
import { Badge, statusTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { useProjectSnapshot } from '@/lib/query/projects/use-project-snapshot';
import type { VersionView } from '@/lib/query/deploys/use-deploys-query';
import { latestByContainer, useStatsQuery } from '@/lib/query/stats/use-stats-query';
import type { EnvView } from '@/lib/domain/env';
import type { ProjectSnapshot } from '@/lib/domain/snapshot';

interface Props {
  initial: ProjectSnapshot;
  serviceId: string;
  notice?: string;
  displayName: string;
  resources: { cpu: number; memoryMb: number };
  scaling?: { min: number; max: number };
  env: EnvView[];
  revealed?: Record<string, string>;
  ports: PortRow[];
  routeFirewall?: { policy: string; ranges: string[] };
  domains: DomainRow[];
  pendingRouting: number;
  autoscaling: { settings: Record<string, string | number | undefined>; horizontal: boolean; host: { cpus: number; memoryGb: number }; events: ScalingEventView[] };
  /** Runtime and static services: their app versions and tracked repository. */
  deploys?: { versions: VersionView[]; gitUrl: string | null };
  /** Data services: their backups, schedule, project usage and the services a backup restores into. */
  backups?: { backups: BackupView[]; targets: { id: string; hostname: string }[]; kept: KeptView[] } & ScheduleView;
  /** Object storage: the bucket's name, quota and access. */
  bucket?: { name: string; quotaGb: string; policy: ObjectStoragePolicy; rawPolicy?: string };
}

export function ServiceClient(p: Props) {
  const s = useProjectSnapshot(p.initial);
  const [minutes, setMinutes] = useState(60);
  const stats = useStatsQuery(s.project.id, p.serviceId, minutes);
  const service = s.services.find((x) => x.id === p.serviceId);
  if (!service) {
    return (
      <Card>
        <p>
          This service was deleted.{' '}
          <Link href={`/projects/${s.project.id}`} className="underline">
            Back to {s.project.name}
          </Link>
        </p>
      </Card>
    );
  }
  const containers = s.containers.filter((c) => c.serviceId === p.serviceId);
  const canWrite = s.role !== 'viewer';
  const own = { ...s, processes: s.processes.filter((x) => x.serviceId === p.serviceId) };
  const target = { projectId: s.project.id, serviceId: service.id };
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Breadcrumbs
            trail={[
              { href: '/projects', label: 'Projects' },
              { href: `/projects/${s.project.id}`, label: s.project.name },
            ]}
          />
          <h1 className="flex items-center gap-3 text-2xl font-semibold">
            <ServiceIcon type={service.type} /> {service.hostname}
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={statusTone(service.status)} label={`service status ${service.status}`}>
              {service.status}
            </Badge>
            {service.mode === 'HA' && <Badge tone="violet">HA</Badge>}
            {!canWrite && <Badge>read only</Badge>}
            <span className="text-slate-500">
              {p.displayName} {service.version} · {p.resources.cpu} CPU · {p.resources.memoryMb} MB
            </span>
            {service.ports.map((port) => (
              <code key={port.port} className="rounded bg-slate-100 px-1.5 dark:bg-slate-800">
                {service.hostname}:{port.port}
              </code>
            ))}
          </div>
          {service.publicUrl && (
            <p className="mt-2 flex items-center gap-2 text-sm">
              Public URL:
              <a href={service.publicUrl} target="_blank" rel="noreferrer" className="font-mono text-indigo-600 underline dark:text-indigo-400">
                {service.publicUrl}
              </a>
              <CopyButton value={service.publicUrl} label="Copy public URL" />
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-start gap-2">
          <ExportButton url={`/api/v1/projects/${s.project.id}/services/${service.id}/export`} filename={`${service.hostname}-import.yml`} label="Export as YAML" />
          {canWrite && <ServiceControls {...target} hostname={service.hostname} running={service.running} scaling={p.scaling} containerCount={service.containerCount} backupCount={p.backups?.backups.filter((b) => b.status === 'COMPLETE').length} />}
        </div>
      </div>

      {p.notice && <Alert tone="warn">{p.notice}</Alert>}

      {p.deploys && (
        <Card>
          <DeploysPanel projectId={s.project.id} serviceId={service.id} hostname={service.hostname} canWrite={canWrite} initial={p.deploys.versions} gitUrl={p.deploys.gitUrl} />
        </Card>
      )}

      {p.bucket && (
        <Card>
          <ObjectStoragePanel
            projectId={s.project.id}
            serviceId={service.id}
            canWrite={canWrite}
            bucket={p.bucket.name}
            quotaGb={p.bucket.quotaGb}
            policy={p.bucket.policy}
            rawPolicy={p.bucket.rawPolicy}
          />
        </Card>
      )}

      {p.backups && (
        <Card>
          <BackupsPanel projectId={s.project.id} serviceId={service.id} hostname={service.hostname} canWrite={canWrite} initial={p.backups} targets={p.backups.targets} kept={p.backups.kept} />
        </Card>
      )}

      <section aria-labelledby="containers-h" className="space-y-3">
        <h2 id="containers-h" className="text-lg font-semibold">
          Containers{' '}
          <span className="text-sm font-normal text-slate-500">
            {service.containersRunning}/{service.containersTotal} running
          </span>
        </h2>
        <ContainerCards containers={containers} latest={latestByContainer(stats.data ?? [])} />
      </section>

      <div className="grid gap-8 lg:grid-cols-2">
        <Card>
          <EnvEditor
            title="Environment variables"
            {...target}
            variables={p.env}
            revealed={p.revealed}
            canWrite={canWrite}
            restart={<ServiceCommand {...target} command="restart" label="Restart to apply" />}
          />
        </Card>
        <section aria-labelledby="sp-h" className="space-y-3">
          <h2 id="sp-h" className="text-lg font-semibold">
            Processes
          </h2>
          <ProcessList snapshot={own} canWrite={canWrite} />
        </section>
      </div>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">Statistics</h2>
        <StatsCharts samples={stats.data ?? []} minutes={minutes} setMinutes={setMinutes} error={stats.error?.message} />
      </Card>

      <Card>
        <AutoscalingPanel
          {...target}
          canWrite={canWrite}
          {...p.autoscaling}
          current={{ cpu: p.resources.cpu, memoryMb: p.resources.memoryMb, containers: service.containerCount }}
          samples={stats.data ?? []}
        />
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">Logs</h2>
        <LogsViewer projectId={s.project.id} serviceId={service.id} containers={containers.map((c) => c.name)} />
      </Card>

      <Card>
        <PublicAccess
          {...target}
          address={s.project.address}
          address6={s.project.address6}
          hasHttp={service.ports.some((x) => x.httpSupport)}
          subdomainAccess={service.subdomainAccess}
          routeFirewall={p.routeFirewall}
          ports={p.ports}
          defaultPort={service.ports[0]?.port}
          canWrite={canWrite}
          domains={p.domains}
          pendingRouting={p.pendingRouting}
        />
      </Card>
    </div>
  );
}
