'use client';

import { addDomainAction, publishRoutingAction, removeDomainAction } from '@/app/(dashboard)/projects/[projectId]/services/[serviceId]/actions';
import { ActionForm } from '@/components/projects/action-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { DomainCertificate } from '@/lib/core/certs/types';

export interface DomainRow {
  id: string;
  domain: string;
  path: string;
  isSynced: boolean;
  deleteOnSync: boolean;
  certificate?: DomainCertificate;
}

function CertificateNote({ cert }: { cert: DomainCertificate }) {
  const until = cert.expiresAt ? new Date(cert.expiresAt).toISOString().slice(0, 10) : undefined;
  if (cert.issuer === 'acme' && cert.status === 'active') return <span className="text-xs text-slate-500">ACME certificate{until ? ` until ${until}` : ''}</span>;
  if (cert.issuer === 'acme')
    return (
      <span className="text-xs text-amber-700 dark:text-amber-400" title={cert.error ?? undefined}>
        ACME {cert.status === 'failed' ? 'failed, retried hourly' : 'pending'}; internal CA serves it meanwhile{cert.error ? `: ${cert.error.slice(0, 120)}` : ''}
      </span>
    );
  return <span className="text-xs text-slate-500">internal CA certificate{until ? ` until ${until}` : ''}</span>;
}

/** Custom domains of a service: changes are staged, then published together. */
export function DomainsPanel({ projectId, serviceId, domains, pending, canWrite }: { projectId: string; serviceId: string; domains: DomainRow[]; pending: number; canWrite: boolean }) {
  const hidden = { projectId, serviceId };
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between">
        <p className="text-sm font-medium">Custom domains</p>
        {canWrite && pending > 0 && (
          <ActionForm action={publishRoutingAction} hidden={hidden}>
            {(_s, busy) => <Button type="submit" disabled={busy}>Publish {pending} routing change{pending > 1 ? 's' : ''}</Button>}
          </ActionForm>
        )}
      </div>
      {domains.length === 0 ? (
        <p className="text-sm text-slate-500">No custom domains. Point a DNS name at this host, add it here, then publish.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {domains.map((d) => (
            <li key={d.id} className="flex items-center justify-between gap-2">
              <span className="flex flex-col">
                <span className="font-mono">{d.domain}{d.path}</span>
                {d.certificate && d.isSynced && <CertificateNote cert={d.certificate} />}
              </span>
              <span className="flex items-center gap-2">
                <Badge tone={d.deleteOnSync ? 'red' : d.isSynced ? 'green' : 'amber'}>{d.deleteOnSync ? 'removal staged' : d.isSynced ? 'live' : 'staged'}</Badge>
                {canWrite && !d.deleteOnSync && (
                  <ActionForm action={removeDomainAction} hidden={{ ...hidden, domainId: d.id }}>
                    {(_s, busy) => <Button type="submit" variant="ghost" disabled={busy} aria-label={`Remove ${d.domain}${d.path}`}>Remove</Button>}
                  </ActionForm>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <ActionForm action={addDomainAction} hidden={hidden} className="grid items-end gap-2 sm:grid-cols-[2fr_1fr_auto]">
          {(state, busy) => (
            <>
              <Field label="Domain" name="domain" placeholder="shop.example.com" errors={state.fieldErrors?.domain} />
              <Field label="Path" name="path" defaultValue="/" errors={state.fieldErrors?.path} />
              <Button type="submit" disabled={busy}>Stage domain</Button>
            </>
          )}
        </ActionForm>
      )}
    </div>
  );
}
