import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { containers } from '@/lib/db/schema';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { requireId } from './ids';

/** The project's containers as last observed (status, restarts), optionally of one service. */
export async function listContainers(db: Db, userId: string, projectId: string, opts: { serviceId?: string } = {}) {
  await requireProjectAccess(db, userId, projectId, 'read');
  const where = opts.serviceId
    ? and(eq(containers.projectId, projectId), eq(containers.serviceId, requireId(opts.serviceId, 'Service')))
    : eq(containers.projectId, projectId);
  return db.select().from(containers).where(where).orderBy(asc(containers.name));
}
