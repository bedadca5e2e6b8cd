import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/guards';
import { getCatalogEntry } from '@/lib/catalog';
import { getDb } from '@/lib/db';
import { listDomains, pendingDomainChanges } from '@/lib/domain/domains';
import { certificateOf, listCertificates } from '@/lib/domain/certificates';
import { listPublicPorts } from '@/lib/domain/public-ports';
import { loadOrNotFound } from '@/lib/http/load-or-not-found';
import { listEnv } from '@/lib/domain/env';
import { webhookInfo } from '@/lib/domain/deploy-webhooks';
import { listVersions } from '@/lib/domain/deploys';
import { getService } from '@/lib/domain/services';
import { listScalingEvents } from '@/lib/domain/autoscaling';
import { hostCapacity } from '@/lib/provisioner/host-capacity';
import { capabilitiesOf } from '@/lib/catalog/capabilities';
import { getProjectSnapshot } from '@/lib/domain/snapshot';
import { toVersionView } from '@/components/services/version-view';
import { getSchedule, listBackups } from '@/lib/backups/domain';
import { toolFor } from '@/lib/backups/tools';
import { restorableKept } from '@/lib/backups/keep';
import { services as servicesTable } from '@/lib/db/schema';
import { and, eq } from 'drizzle-orm';
import { ServiceClient } from './service-client';

export const metadata: Metadata = { title: 'Service' };

export default async function ServicePage({ params, searchParams }: { params: Promise<{ projectId: string; serviceId: string }>; searchParams: Promise<{ notice?: string }> }) {
  const user = await requireUser();
  const { projectId, serviceId } = await params;
  const { notice } = await searchParams;
  const db = await getDb();
  const data = await loadOrNotFound(async () => {
    const { service, role } = await getService(db, user.id, projectId, serviceId);
    const snapshot = await getProjectSnapshot(db, user.id, projectId);
    const masked = await listEnv(db, user.id, projectId, serviceId);
    const revealed =
      role === 'viewer'
        ? undefined
        : Object.fromEntries((await listEnv(db, user.id, projectId, serviceId, { reveal: true })).filter((v) => v.secret).map((v) => [v.key, v.value]));
    const ports = (await listPublicPorts(db, user.id, projectId)).filter((p) => p.serviceId === service.id);
    const domains = (await listDomains(db, user.id, projectId)).filter((d) => d.serviceId === service.id);
    const pendingRouting = await pendingDomainChanges(db, projectId);
    const certificates = await listCertificates(db, user.id, projectId);
    const category = getCatalogEntry(service.type).category;
    const deploys =
      category === 'runtime' || category === 'static'
        ? { versions: await listVersions(db, user.id, projectId, serviceId), gitUrl: (await webhookInfo(db, user.id, projectId, serviceId)).gitUrl }
        : undefined;
    const events = await listScalingEvents(db, user.id, projectId, serviceId);
    const backups = toolFor(service.type)
      ? {
          backups: (await listBackups(db, user.id, projectId, serviceId)).map((b) => ({ ...b, createdAt: b.createdAt.toISOString() })),
          ...(await getSchedule(db, user.id, projectId, serviceId)),
          kept: (await restorableKept(db, user.id, projectId, service.type, service.version)).map((b) => ({
            id: b.id,
            serviceHostname: b.serviceHostname,
            keptFromProject: b.keptFromProject,
            sizeBytes: b.sizeBytes,
            createdAt: b.createdAt.toISOString(),
          })),
          targets: await db
            .select({ id: servicesTable.id, hostname: servicesTable.hostname })
            .from(servicesTable)
            .where(and(eq(servicesTable.projectId, projectId), eq(servicesTable.type, service.type), eq(servicesTable.version, service.version))),
        }
      : undefined;
    return { service, snapshot, masked, revealed, ports, domains, pendingRouting, certificates, deploys, events, backups };
  });
  const { service } = data;
  const entry = getCatalogEntry(service.type);
  const host = hostCapacity();
  const scaling = service.mode === 'NON_HA' && entry.scaling.max > 1 ? entry.scaling : undefined;
  return (
    <ServiceClient
      initial={data.snapshot}
      serviceId={service.id}
      notice={notice?.slice(0, 300)}
      displayName={entry.displayName}
      resources={service.resources}
      scaling={scaling ? { min: scaling.min, max: scaling.max } : undefined}
      env={data.masked}
      revealed={data.revealed}
      ports={data.ports.map((p) => ({ id: p.id, publicPort: p.publicPort, internalPort: p.internalPort, protocol: p.protocol, firewallPolicy: p.firewallPolicy, firewallRanges: p.firewallRanges }))}
      routeFirewall={service.settings.httpFirewall}
      domains={data.domains.map((d) => ({ id: d.id, domain: d.domain, path: d.path, isSynced: d.isSynced, deleteOnSync: d.deleteOnSync, certificate: certificateOf(d.domain, data.certificates) }))}
      pendingRouting={data.pendingRouting}
      autoscaling={{
        settings: service.autoscaling,
        horizontal: capabilitiesOf(entry).horizontalScaling,
        host: { cpus: host.cpus, memoryGb: Math.floor((host.memoryBytes / 1024 ** 3) * 100) / 100 },
        events: data.events.map((e) => ({ ...e, at: e.at.toISOString() })),
      }}
      backups={data.backups}
      bucket={
        service.type === 'object-storage'
          ? {
              name: data.masked.find((v) => v.key === 'bucketName')?.value ?? '',
              quotaGb: data.masked.find((v) => v.key === 'quotaGBytes')?.value ?? '',
              policy: service.settings.objectStoragePolicy ?? 'private',
              rawPolicy: service.settings.objectStorageRawPolicy,
            }
          : undefined
      }
      deploys={data.deploys && { versions: data.deploys.versions.map(toVersionView), gitUrl: data.deploys.gitUrl }}
    />
  );
}
