import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { projects } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { conflict } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { allocateAddress } from '@/lib/net/address-pool';
import { isUniqueViolation } from './errors';
import { enqueueOperation } from './operation';
import { requireNotDeleting } from './ids';

/**
 * Gives the project an IPv4 address from BERTH_IP_POOL beside its IPv6 one; a
 * `project.updateAddresses` process makes the core listen on it. The address then stays the project's.
 */
export async function addProjectIpV4(db: Db, userId: string, projectId: string) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'owner');
  requireNotDeleting(project);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const [current] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
        if (current?.address) throw conflict(`The project already has the IPv4 address ${current.address}`, 'publicIpV4');
        const address = await allocateAddress(tx, env.BERTH_IP_POOL);
        await tx.update(projects).set({ address, updatedAt: new Date() }).where(eq(projects.id, projectId));
        const process = await enqueueOperation(tx, { userId, project }, { action: 'project.updateAddresses', audit: { action: 'project.addIpV4', target: project.name, details: { address } } });
        return { address, process };
      });
    } catch (err) {
      // A concurrent allocation took the same address: the unique column decides, we take the next.
      if (attempt < 20 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}

/**
 * Releases the project's IPv4 address back to the pool: the core keeps serving on IPv6 alone, the
 * process takes the address off the interface. A project always keeps its IPv6 address.
 */
export async function releaseProjectIpV4(db: Db, userId: string, projectId: string) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'owner');
  requireNotDeleting(project);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
    if (!current?.address) throw conflict('The project has no IPv4 address to release', 'publicIpV4');
    if (!current.address6) throw conflict('The project has no IPv6 address yet (it gets one on its next reconcile); its IPv4 address stays until then', 'publicIpV4');
    await tx.update(projects).set({ address: null, updatedAt: new Date() }).where(eq(projects.id, projectId));
    const process = await enqueueOperation(tx, { userId, project }, {
      action: 'project.updateAddresses',
      payload: { released: [current.address] },
      audit: { action: 'project.releaseIpV4', target: project.name, details: { address: current.address } },
    });
    return { released: current.address, process };
  });
}
