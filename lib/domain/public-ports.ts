import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { getCatalogEntry, capabilitiesOf } from '@/lib/catalog';
import { publicPorts, services, type Service } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { AppError, conflict, invalid, notFound } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { isUniqueViolation } from './errors';
import { requireId, requireNotDeleting } from './ids';
import { enqueueOperation } from './operation';
import { firewallSchema, publicPortSchema, type PublicPort, type PublicPortInput } from '@/lib/validations/core';
import { parseInput } from '@/lib/validations/parse';
import { reservedPublicPort } from '@/lib/core/routing-rules';

export async function listPublicPorts(db: Db, userId: string, projectId: string) {
  await requireProjectAccess(db, userId, projectId, 'read');
  return db.select().from(publicPorts).where(eq(publicPorts.projectId, projectId)).orderBy(asc(publicPorts.publicPort));
}

/**
 * Opens a TCP/UDP port on the project address to a service port; the `stack.updatePorts` process
 * renders it into the balancer (validated by nginx before it replaces the running config).
 */
type PortTarget = Pick<Service, 'type' | 'hostname' | 'ports'>;
type PortRequest = Omit<PublicPort, 'serviceId'>;

/**
 * Whether a public port may point at the service: managed types listen on their fixed ports only,
 * runtimes and Linux containers on whatever they run; the balancer's own ports are never given out.
 * `field` prefixes the error's field (the wizard's `publicPorts.0.`).
 */
export function checkPublicPort(service: PortTarget, input: PortRequest, field = ''): void {
  if (!capabilitiesOf(getCatalogEntry(service.type)).userPorts && !service.ports.some((p) => p.port === input.internalPort && p.protocol === input.protocol)) {
    const offered = service.ports.map((p) => `${p.protocol}/${p.port}`).join(', ') || 'none';
    throw invalid(`${field}internalPort`, `${service.hostname} has no ${input.protocol}/${input.internalPort}; it listens on ${offered}`);
  }
  const reserved = reservedPublicPort(input.publicPort, {
    coreHttp: env.BERTH_CORE_HTTP_PORT,
    coreHttps: env.BERTH_CORE_HTTPS_PORT,
    coreLog: env.BERTH_CORE_LOG_PORT,
  });
  if (reserved) throw invalid(`${field}${reserved.field}`, reserved.message);
}

/** Writes a checked public port in the caller's transaction. */
export async function insertPublicPort(tx: Db, projectId: string, serviceId: string, input: PortRequest) {
  const [row] = await tx
    .insert(publicPorts)
    .values({
      projectId,
      serviceId,
      publicPort: input.publicPort,
      internalPort: input.internalPort,
      protocol: input.protocol,
      firewallPolicy: input.firewall.policy,
      firewallRanges: input.firewall.ranges,
    })
    .returning();
  return row!;
}

export const portTaken = (input: Pick<PortRequest, 'protocol' | 'publicPort'>, address: string | null, field = 'publicPort') =>
  conflict(`${input.protocol}/${input.publicPort} is already open on ${address ?? 'the project address'}`, field);

export async function addPublicPort(db: Db, userId: string, projectId: string, raw: PublicPortInput) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'write');
  requireNotDeleting(project);
  const input = parseInput(publicPortSchema, raw);
  const [service] = await db.select().from(services).where(and(eq(services.id, input.serviceId), eq(services.projectId, projectId)));
  if (!service) throw invalid('serviceId', 'no such service in this project');
  checkPublicPort(service, input);
  try {
    return await db.transaction(async (tx) => {
      const row = await insertPublicPort(tx, projectId, service.id, input);
      const process = await enqueueOperation(tx, { userId, project }, {
        action: 'stack.updatePorts',
        serviceId: service.id,
        audit: { action: 'port.open', target: `${input.protocol}/${input.publicPort}`, details: { firewall: input.firewall.policy } },
      });
      return { port: row, process };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw portTaken(input, project.address);
    throw err;
  }
}

export async function removePublicPort(db: Db, userId: string, projectId: string, portId: string) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'write');
  requireNotDeleting(project);
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(publicPorts).where(and(eq(publicPorts.id, requireId(portId, 'Public port')), eq(publicPorts.projectId, projectId))).returning();
    if (!row) throw notFound('Public port');
    const process = await enqueueOperation(tx, { userId, project }, { action: 'stack.updatePorts', serviceId: row.serviceId, audit: { action: 'port.close', target: `${row.protocol}/${row.publicPort}` } });
    return { process };
  });
}

/** The firewall of a service's subdomain route (HTTP), applied by the balancer. */
export async function setRouteFirewall(db: Db, userId: string, projectId: string, serviceId: string, raw: unknown) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'write');
  requireNotDeleting(project);
  const firewall = parseInput(firewallSchema, raw);
  return db.transaction(async (tx) => {
    const [service] = await tx.select().from(services).where(and(eq(services.id, requireId(serviceId, 'Service')), eq(services.projectId, projectId)));
    if (!service) throw notFound('Service');
    await tx.update(services).set({ settings: { ...service.settings, httpFirewall: firewall }, updatedAt: new Date() }).where(eq(services.id, serviceId));
    const process = await enqueueOperation(tx, { userId, project }, {
      action: 'stack.updatePorts',
      serviceId,
      audit: { action: 'route.firewall', target: service.hostname, details: { policy: firewall.policy } },
    });
    return { process };
  });
}

/** Turns the service's subdomain route on or off (published by `stack.updatePorts`). */
export async function setSubdomainAccess(db: Db, userId: string, projectId: string, serviceId: string, enabled: boolean) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'write');
  requireNotDeleting(project);
  return db.transaction(async (tx) => {
    const [service] = await tx.select().from(services).where(and(eq(services.id, requireId(serviceId, 'Service')), eq(services.projectId, projectId)));
    if (!service) throw notFound('Service');
    if (enabled && !service.ports.some((p) => p.httpSupport)) {
      throw new AppError('VALIDATION', `subdomainAccess: ${service.hostname} has no HTTP port`, { subdomainAccess: ['this service has no HTTP port'] });
    }
    await tx.update(services).set({ subdomainAccess: enabled, updatedAt: new Date() }).where(eq(services.id, serviceId));
    const process = await enqueueOperation(tx, { userId, project }, {
      action: 'stack.updatePorts',
      serviceId,
      audit: { action: enabled ? 'subdomain.enable' : 'subdomain.disable', target: service.hostname },
    });
    return { process };
  });
}
