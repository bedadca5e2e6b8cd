'use client';

import { useCallback, useState } from 'react';
import { activateVersionAction } from '@/app/(dashboard)/projects/[projectId]/services/[serviceId]/deploy-actions';
import { ActionForm } from '@/components/projects/action-form';
import { CopyButton } from '@/components/ui/copy-button';
import { Badge, statusTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { useVersionsQuery, versionRunning, type VersionView } from '@/lib/query/deploys/use-deploys-query';
import { DeployArchive, DeployFromGit } from './deploy-forms';
import { DeployLog } from './deploy-log';
import { DeployKeyBox } from './deploy-key-box';
import { WebhookBox } from './webhook-box';

interface Props {
  projectId: string;
  serviceId: string;
  hostname: string;
  canWrite: boolean;
  initial: VersionView[];
  gitUrl: string | null;
}

const seconds = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(1)} s`);

function sourceText(v: VersionView): string {
  if (v.source.kind === 'git') return `${v.source.url}${v.source.ref ? ` @ ${v.source.ref}` : ''}${v.source.commit ? ` (${v.source.commit.slice(0, 8)})` : ''}`;
  if (v.source.kind === 'archive') return `archive, ${Math.max(1, Math.round(v.source.bytes / 1024))} KB`;
  return 'inline zerops.yml';
}

/**
 * A runtime service's deploys: how to deploy (Git, archive, the CLI, the webhook, the ssh deploy key), its app versions
 * with status, source and durations, the live build log of the chosen one, and rollback to a kept
 * version without a build.
 */
export function DeploysPanel(p: Props) {
  const { data: versions = [] } = useVersionsQuery(p.projectId, p.serviceId, p.initial);
  const [chosen, setChosen] = useState<string | null>(null);
  const shown = versions.find((v) => v.id === chosen) ?? versions[0];
  const active = versions.find((v) => v.status === 'ACTIVE');
  const onStarted = useCallback((id: string) => setChosen(id), []);
  const push = `berth push --project ${p.projectId} --service ${p.hostname}`;

  return (
    <section aria-labelledby="deploys-h" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="deploys-h" className="text-lg font-semibold">
          Deploys
        </h2>
        <p className="text-sm text-slate-500">{active ? `Active: version ${active.sequence}` : 'No version is active yet'}</p>
      </div>

      {versions.length === 0 && (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          No code is deployed yet: the service answers with Berth&apos;s placeholder page. Deploy a repository or an archive that holds a
          zerops.yml with a setup named <code>{p.hostname}</code>.
        </p>
      )}

      {p.canWrite && (
        <div className="grid gap-6 lg:grid-cols-2">
          <div className="space-y-3">
            <h3 className="font-medium">From Git</h3>
            <DeployFromGit projectId={p.projectId} serviceId={p.serviceId} onStarted={onStarted} gitUrl={p.gitUrl} />
          </div>
          <div className="space-y-3">
            <h3 className="font-medium">From an archive</h3>
            <DeployArchive projectId={p.projectId} serviceId={p.serviceId} onStarted={onStarted} />
            <h3 className="font-medium">From your terminal</h3>
            <p className="flex items-center gap-2 text-sm">
              <code className="rounded bg-slate-100 px-2 py-1 dark:bg-slate-800">{push}</code>
              <CopyButton value={push} label="Copy the push command" />
            </p>
            <WebhookBox projectId={p.projectId} serviceId={p.serviceId} />
            <DeployKeyBox projectId={p.projectId} serviceId={p.serviceId} />
          </div>
        </div>
      )}

      {versions.length > 0 && (
        <DataTable
          caption="App versions"
          rows={versions}
          rowKey={(v) => v.id}
          rowClassName={(v) => (v.id === shown?.id ? 'bg-slate-50 dark:bg-slate-900' : '')}
          columns={[
            { header: 'Version', className: 'font-mono', cell: (v) => `#${v.sequence}` },
            {
              header: 'Status',
              cell: (v) => (
                <Badge tone={statusTone(v.status)} label={`version ${v.sequence} status ${v.status}`}>
                  {v.status}
                </Badge>
              ),
            },
            { header: 'Source', className: 'max-w-xs truncate', title: sourceText, cell: sourceText },
            { header: 'Started', cell: (v) => new Date(v.createdAt).toLocaleString() },
            { header: 'Build', cell: (v) => seconds(v.buildMs) },
            { header: 'Deploy', cell: (v) => seconds(v.deployMs) },
            {
              header: '',
              className: 'flex gap-2',
              cell: (v) => (
                <>
                  <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setChosen(v.id)} aria-label={`Show the log of version ${v.sequence}`}>
                    Log
                  </Button>
                  {p.canWrite && v.status === 'BACKUP' && (
                    <ActionForm action={activateVersionAction} hidden={{ projectId: p.projectId, serviceId: p.serviceId, versionId: v.id }}>
                      {(_s, pending) => (
                        <Button type="submit" variant="secondary" className="px-2 py-1 text-xs" disabled={pending} aria-label={`Activate version ${v.sequence}`}>
                          Activate
                        </Button>
                      )}
                    </ActionForm>
                  )}
                </>
              ),
            },
          ]}
        />
      )}

      {shown && <DeployLog projectId={p.projectId} serviceId={p.serviceId} version={shown} canWrite={p.canWrite} running={versionRunning(shown.status)} />}
    </section>
  );
}
