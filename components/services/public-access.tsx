'use client';

import { addPublicPortAction, removePublicPortAction, setRouteFirewallAction, setSubdomainAction } from '@/app/(dashboard)/projects/[projectId]/services/[serviceId]/actions';
import { ActionForm } from '@/components/projects/action-form';
import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';
import { DomainsPanel, type DomainRow } from './domains-panel';

export interface PortRow {
  id: string;
  publicPort: number;
  internalPort: number;
  protocol: string;
  firewallPolicy: string;
  firewallRanges: string[];
}

interface Props {
  projectId: string;
  serviceId: string;
  address: string | null;
  address6?: string | null;
  hasHttp: boolean;
  subdomainAccess: boolean;
  routeFirewall: { policy: string; ranges: string[] } | undefined;
  ports: PortRow[];
  defaultPort?: number;
  canWrite: boolean;
  domains: DomainRow[];
  pendingRouting: number;
}

/** Subdomain access with its firewall, and public TCP/UDP ports on the project address. */
export function PublicAccess(p: Props) {
  const hidden = { projectId: p.projectId, serviceId: p.serviceId };
  return (
    <section aria-labelledby="access-h" className="space-y-5">
      <h2 id="access-h" className="text-lg font-semibold">Public access</h2>
      {p.hasHttp && (
        <div className="space-y-3">
          <div className="flex items-center justify-between">
            <p className="text-sm">Subdomain access is <strong>{p.subdomainAccess ? 'on' : 'off'}</strong>.</p>
            {p.canWrite && (
              <ActionForm action={setSubdomainAction} hidden={{ ...hidden, enabled: String(!p.subdomainAccess) }}>
                {(_s, pending) => <Button type="submit" variant="secondary" disabled={pending}>{p.subdomainAccess ? 'Disable subdomain' : 'Enable subdomain'}</Button>}
              </ActionForm>
            )}
          </div>
          {p.canWrite && p.subdomainAccess && (
            <ActionForm action={setRouteFirewallAction} hidden={hidden} className="grid items-end gap-2 sm:grid-cols-[1fr_2fr_auto]">
              {(state, pending) => (
                <>
                  <SelectField label="HTTP firewall" name="policy" defaultValue={p.routeFirewall?.policy ?? 'none'} errors={state.fieldErrors?.policy}>
                    <option value="none">open to everyone</option>
                    <option value="allow">allow only these</option>
                    <option value="deny">deny these</option>
                  </SelectField>
                  <Field label="Addresses or CIDRs (HTTP)" name="ranges" defaultValue={p.routeFirewall?.ranges.join(', ')} errors={state.fieldErrors?.ranges ?? state.fieldErrors?.input} placeholder="203.0.113.0/24, 198.51.100.7" />
                  <Button type="submit" disabled={pending}>Save firewall</Button>
                </>
              )}
            </ActionForm>
          )}
        </div>
      )}
      {p.hasHttp && <DomainsPanel projectId={p.projectId} serviceId={p.serviceId} domains={p.domains} pending={p.pendingRouting} canWrite={p.canWrite} />}
      <div className="space-y-2">
        <p className="text-sm font-medium">Public ports on {[p.address6, p.address].filter(Boolean).join(' and ')}</p>
        {p.ports.length === 0 ? (
          <p className="text-sm text-slate-500">No public ports.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {p.ports.map((port) => (
              <li key={port.id} className="flex items-center justify-between">
                <span className="font-mono">
                  {port.protocol}://{p.address ?? (p.address6 ? `[${p.address6}]` : '')}:{port.publicPort} → :{port.internalPort}
                  {port.firewallPolicy !== 'none' && ` (${port.firewallPolicy}: ${port.firewallRanges.join(', ')})`}
                </span>
                {p.canWrite && (
                  <ActionForm action={removePublicPortAction} hidden={{ ...hidden, portId: port.id }}>
                    {(_s, pending) => <Button type="submit" variant="ghost" disabled={pending} aria-label={`Close port ${port.publicPort}`}>Close</Button>}
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        )}
        {p.canWrite && (
          <ActionForm action={addPublicPortAction} hidden={hidden} className="grid items-end gap-2 sm:grid-cols-3">
            {(state, pending) => {
              const fe = state.fieldErrors ?? {};
              return (
                <>
                  <Field label="Public port" name="publicPort" type="number" errors={fe.publicPort} hint="10 to 65435, not 80/443" />
                  <Field label="Service port" name="internalPort" type="number" defaultValue={p.defaultPort ? String(p.defaultPort) : undefined} errors={fe.internalPort} />
                  <SelectField label="Protocol" name="protocol" defaultValue="tcp">
                    <option value="tcp">tcp</option>
                    <option value="udp">udp</option>
                  </SelectField>
                  <SelectField label="Port firewall" name="policy" defaultValue="none">
                    <option value="none">open to everyone</option>
                    <option value="allow">allow only these</option>
                    <option value="deny">deny these</option>
                  </SelectField>
                  <Field label="Addresses or CIDRs (port)" name="ranges" errors={fe['firewall.ranges.0'] ?? fe['firewall.ranges'] ?? fe.firewall} placeholder="10.0.0.0/8" />
                  <Button type="submit" disabled={pending}>Open port</Button>
                </>
              );
            }}
          </ActionForm>
        )}
      </div>
    </section>
  );
}
