'use client';

import Link from 'next/link';
import { BackupTarget, type BackupTargetView } from '@/components/projects/backup-target';
import { CorePanel } from '@/components/projects/core-panel';
import { ExportButton } from '@/components/import/export-button';
import { DeleteProjectDialog } from '@/components/projects/delete-project-dialog';
import { EnvEditor } from '@/components/projects/env-editor';
import { LogForwarding } from '@/components/projects/log-forwarding';
import { MembersPanel, type MemberRow } from '@/components/projects/members-panel';
import { ProcessList } from '@/components/projects/process-list';
import { ServiceCard } from '@/components/projects/service-card';
import { LogsViewer } from '@/components/services/logs-viewer';
import { Badge, statusTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { useProjectSnapshot } from '@/lib/query/projects/use-project-snapshot';
import type { EnvView } from '@/lib/domain/env';
import type { ProjectSnapshot } from '@/lib/domain/snapshot';
import { ProjectAddresses } from '@/components/projects/project-addresses';

export function ProjectClient({
  initial,
  env,
  revealed,
  members,
  backupTarget,
}: {
  initial: ProjectSnapshot;
  env: EnvView[];
  revealed?: Record<string, string>;
  members: MemberRow[];
  backupTarget: BackupTargetView | null;
}) {
  const s = useProjectSnapshot(initial);
  const canWrite = s.role !== 'viewer';
  const { project } = s;
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href="/projects" className="hover:underline">
              Projects
            </Link>{' '}
            /
          </p>
          <h1 className="text-2xl font-semibold">{project.name}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <Badge tone={statusTone(project.status)}>{project.status}</Badge>
            <Badge tone={project.corePackage === 'SERIOUS' ? 'violet' : 'blue'}>{project.corePackage === 'SERIOUS' ? 'Serious core' : 'Light core'}</Badge>
            {!canWrite && <Badge>read only</Badge>}
          </div>
          <div className="mt-2">
            <ProjectAddresses address6={project.address6} address={project.address} />
          </div>
          <p className="mt-1 text-xs text-slate-500" aria-label="Private network">
            Private network:{' '}
            {project.network6 ? (
              <>
                IPv4 and IPv6 <span className="font-mono">{project.network6}</span> (services listen on both families)
              </>
            ) : (
              'IPv4 only'
            )}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <ExportButton url={`/api/v1/projects/${project.id}/export`} filename={`${project.slug}-import.yml`} label="Export as YAML" />
          {s.role === 'owner' && <DeleteProjectDialog projectId={project.id} name={project.name} serviceCount={s.services.length} />}
        </div>
      </div>

      <section aria-labelledby="services-h" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="services-h" className="text-lg font-semibold">
            Services
          </h2>
          {canWrite && (
            <div className="flex items-center gap-2">
              <Link href={`/projects/${project.id}/import`} className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
                Import services
              </Link>
              <Link href={`/projects/${project.id}/services/new`} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500">
                Add service
              </Link>
            </div>
          )}
        </div>
        {s.services.length === 0 ? (
          <Card>
            <p className="text-sm text-slate-500">
              No services yet. Add a database, a runtime or a static site: each gets its own containers on this project&apos;s private network
              {canWrite ? ', and other services reach it by its hostname.' : '. A member of the project can add them.'}
            </p>
            {canWrite && (
              <Link href={`/projects/${project.id}/services/new`} className="mt-3 inline-block text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                Add your first service →
              </Link>
            )}
          </Card>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
            {s.services.map((svc) => (
              <li key={svc.id}>
                <ServiceCard projectId={project.id} service={svc} processes={s.processes.filter((p) => p.serviceId === svc.id && ['PENDING', 'RUNNING', 'CANCELING'].includes(p.status)).length} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {s.services.length > 0 && (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Project logs</h2>
          <LogsViewer projectId={project.id} containers={s.containers.filter((c) => c.serviceId).map((c) => c.name)} />
          {canWrite && (
            <div className="mt-4">
              <LogForwarding projectId={project.id} current={project.logForward} />
            </div>
          )}
        </Card>
      )}

      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="processes-h" className="space-y-3">
          <h2 id="processes-h" className="text-lg font-semibold">
            Processes
          </h2>
          <ProcessList snapshot={s} canWrite={canWrite} />
        </section>
        <div className="space-y-8">
          <Card>
            <CorePanel snapshot={s} />
          </Card>
          <Card>
            <EnvEditor title="Project environment variables" projectId={project.id} variables={env} revealed={revealed} canWrite={canWrite} />
          </Card>
          <Card>
            <BackupTarget
              projectId={project.id}
              current={backupTarget}
              canWrite={canWrite}
              storages={s.services.filter((x) => x.type === 'object-storage').map((x) => ({ id: x.id, hostname: x.hostname }))}
            />
          </Card>
          <Card>
            <MembersPanel projectId={project.id} members={members} isOwner={s.role === 'owner'} />
          </Card>
        </div>
      </div>
    </div>
  );
}
