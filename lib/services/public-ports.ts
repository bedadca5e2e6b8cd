import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { publicPorts, services } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { AppError, conflict, invalid, notFound } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { isUniqueViolation } from './errors';
import { requireId, requireNotDeleting } from './ids';
import { enqueueOperation } from './operation';
import { firewallSchema, publicPortSchema, type PublicPortInput } from '@/lib/validations/core';
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
export async function addPublicPort(db: Db, userId: string, projectId: string, raw: PublicPortInput) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'write');
  requireNotDeleting(project);
  const input = parseInput(publicPortSchema, raw);
  const [service] = await db.select().from(services).where(and(eq(services.id, input.serviceId), eq(services.projectId, projectId)));
  if (!service) throw new AppError('VALIDATION', 'serviceId: no such service in this project', { serviceId: ['no such service in this project'] });
  // Managed services listen on their fixed ports; runtimes and Linux containers on whatever they run.
  const userDefined = ['nodejs', 'python', 'go', 'php-nginx', 'debian'].includes(service.type);
  if (!userDefined && !service.ports.some((p) => p.port === input.internalPort && p.protocol === input.protocol)) {
    const offered = service.ports.map((p) => `${p.protocol}/${p.port}`).join(', ') || 'none';
    throw new AppError('VALIDATION', `internalPort: ${service.hostname} has no ${input.protocol}/${input.internalPort}; it has ${offered}`, {
      internalPort: [`${service.hostname} listens on ${offered}`],
    });
  }
  const reserved = reservedPublicPort(input.publicPort, {
    coreHttp: env.BERTH_CORE_HTTP_PORT,
    coreHttps: env.BERTH_CORE_HTTPS_PORT,
    coreLog: env.BERTH_CORE_LOG_PORT,
  });
  if (reserved) throw invalid(reserved.field, reserved.message);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(publicPorts)
        .values({
          projectId,
          serviceId: service.id,
          publicPort: input.publicPort,
          internalPort: input.internalPort,
          protocol: input.protocol,
          firewallPolicy: input.firewall.policy,
          firewallRanges: input.firewall.ranges,
        })
        .returning();
      const process = await enqueueOperation(tx, { userId, project }, {
        action: 'stack.updatePorts',
        serviceId: service.id,
        audit: { action: 'port.open', target: `${input.protocol}/${input.publicPort}`, details: { firewall: input.firewall.policy } },
      });
      return { port: row!, process };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`${input.protocol}/${input.publicPort} is already open on ${project.address}`, 'publicPort');
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
