import { and, desc, eq, gte } from 'drizzle-orm';
import { hostCapacity } from '@/lib/provisioner/host-capacity';
import { validateAutoscaling, withinRanges } from '@/lib/autoscale/ranges';
import { capabilitiesOf } from '@/lib/catalog';
import { getCatalogEntry } from '@/lib/catalog';
import type { Db } from '@/lib/db/client';
import { autoscalingSchema, scalingEvents, services } from '@/lib/db/schema';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { notFound } from '@/lib/errors';
import { parseInput } from '@/lib/validations/parse';
import { requireId } from './ids';
import { changeService } from './services';

/**
 * Replaces a service's scaling settings (Zerops' verticalAutoscaling keys plus min/maxContainers),
 * checked against the host's capacity; the current resources and count move into the ranges.
 */
export async function setAutoscaling(db: Db, userId: string, projectId: string, serviceId: string, raw: unknown) {
  const input = parseInput(autoscalingSchema, raw);
  await requireProjectAccess(db, userId, projectId, 'write');
  const [service] = await db.select().from(services).where(and(eq(services.id, requireId(serviceId, 'Service')), eq(services.projectId, projectId)));
  if (!service) throw notFound('Service');
  const entry = getCatalogEntry(service.type);
  validateAutoscaling(input, entry, hostCapacity());
  return changeService(db, userId, projectId, serviceId, {
    action: 'stack.scale',
    set: (s) => ({ autoscaling: input, ...withinRanges(s, input, capabilitiesOf(entry).horizontalScaling) }),
  });
}

/** The service's scaling events, newest first (default: the last day). */
export async function listScalingEvents(db: Db, userId: string, projectId: string, serviceId: string, sinceMs = 24 * 60 * 60_000) {
  await requireProjectAccess(db, userId, projectId, 'read');
  return db
    .select()
    .from(scalingEvents)
    .where(and(eq(scalingEvents.projectId, projectId), eq(scalingEvents.serviceId, requireId(serviceId, 'Service')), gte(scalingEvents.at, new Date(Date.now() - sinceMs))))
    .orderBy(desc(scalingEvents.at))
    .limit(200);
}
