import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { httpDomains, services } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { AppError, conflict, invalid, notFound } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { audit } from './audit';
import { isUniqueViolation } from './errors';
import { requireId, requireNotDeleting } from './ids';
import { enqueueOperation } from './operation';
import { domainSchema, type DomainInput } from '@/lib/validations/domains';
import { parseInput } from '@/lib/validations/parse';
import { verificationRecord } from '@/lib/core/domain-proof';
import { forbiddenDomain, normalizePath, overlappingRoute } from '@/lib/core/routing-rules';

export async function listDomains(db: Db, userId: string, projectId: string) {
  await requireProjectAccess(db, userId, projectId, 'read');
  const rows = await db.select().from(httpDomains).where(eq(httpDomains.projectId, projectId)).orderBy(asc(httpDomains.domain), asc(httpDomains.path));
  // What proves control of a staged name at publish (besides pointing it at the project's address).
  return rows.map((r) => ({ ...r, verification: verificationRecord(projectId, r.domain) }));
}

/** The dashboard's own host names: a custom domain must never take them. */
export function dashboardHosts(requestHost?: string | null): (string | undefined)[] {
  return [env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).hostname : undefined, requestHost ?? undefined];
}

/**
 * Stages a domain (and path) for a service's HTTP port; it takes effect when routing is published.
 * The ownership and overlap checks and the insert run in one transaction holding a lock on the
 * domain name, so two projects asking for the same domain at once cannot both get it.
 */
export async function addDomain(db: Db, userId: string, projectId: string, raw: DomainInput, opts: { requestHost?: string | null } = {}) {
  requireNotDeleting((await requireProjectAccess(db, userId, projectId, 'write')).project);
  const input = parseInput(domainSchema, raw);
  const path = normalizePath(input.path);
  const reserved = forbiddenDomain(input.domain, { berthDomain: env.BERTH_DOMAIN, dashboardHosts: dashboardHosts(opts.requestHost) });
  if (reserved) throw invalid(reserved.field, reserved.message);
  const [service] = await db.select().from(services).where(and(eq(services.id, input.serviceId), eq(services.projectId, projectId)));
  if (!service) throw invalid('serviceId', 'no such service in this project');
  const port = service.ports.find((p) => p.httpSupport);
  if (!port) throw invalid('serviceId', `${service.hostname} has no HTTP port`);
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`berth-domain:${input.domain}`}))`);
      const routes = await tx.select().from(httpDomains).where(eq(httpDomains.domain, input.domain));
      if (routes.some((r) => r.projectId !== projectId)) throw conflict(`${input.domain} belongs to another project`, 'domain');
      const overlap = overlappingRoute(path, routes.map((r) => r.path));
      if (overlap) throw conflict(`${input.domain}${overlap.message}`, overlap.field);
      const [row] = await tx.insert(httpDomains).values({ projectId, serviceId: service.id, domain: input.domain, path, port: port.port }).returning();
      await audit(tx, { userId, projectId, action: 'domain.stage', target: `${input.domain}${path}` });
      return row!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`${input.domain}${path} is already routed`, 'domain');
    throw err;
  }
}

/** Stages a removal (a draft that was never published is simply dropped). */
export async function removeDomain(db: Db, userId: string, projectId: string, domainId: string) {
  requireNotDeleting((await requireProjectAccess(db, userId, projectId, 'write')).project);
  const [row] = await db.select().from(httpDomains).where(and(eq(httpDomains.id, requireId(domainId, 'Domain')), eq(httpDomains.projectId, projectId)));
  if (!row) throw notFound('Domain');
  if (row.isSynced) await db.update(httpDomains).set({ deleteOnSync: true }).where(eq(httpDomains.id, row.id));
  else await db.delete(httpDomains).where(eq(httpDomains.id, row.id));
  await audit(db, { userId, projectId, action: 'domain.unstage', target: `${row.domain}${row.path}` });
}

/** Staged changes not yet in the balancer. */
export async function pendingDomainChanges(db: Db, projectId: string): Promise<number> {
  const rows = await db
    .select({ id: httpDomains.id })
    .from(httpDomains)
    .where(and(eq(httpDomains.projectId, projectId), or(eq(httpDomains.isSynced, false), eq(httpDomains.deleteOnSync, true))));
  return rows.length;
}

/** Publishes the staged routing: a `project.publishRouting` process validates and applies it. */
export async function publishRouting(db: Db, userId: string, projectId: string) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'write');
  requireNotDeleting(project);
  if ((await pendingDomainChanges(db, projectId)) === 0) throw new AppError('BAD_REQUEST', 'There are no staged routing changes to publish');
  return db.transaction(async (tx) => {
    const process = await enqueueOperation(tx, { userId, project }, { action: 'project.publishRouting', audit: { action: 'routing.publish', target: project.name } });
    return { process };
  });
}
