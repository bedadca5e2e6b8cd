import type { Db } from '@/lib/db/client';
import { AppError, conflict } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { enqueueOperation } from './operation';

/** Queues LIGHT → SERIOUS. Downgrade does not exist (as in Zerops). */
export async function upgradeCore(db: Db, userId: string, projectId: string) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'owner');
  if (project.corePackage === 'SERIOUS') throw new AppError('BAD_REQUEST', 'The project already runs the Serious core; there is no downgrade');
  if (project.status !== 'ACTIVE') throw conflict(`The project is ${project.status.toLowerCase()}; upgrade when it is active`);
  return db.transaction(async (tx) => {
    const process = await enqueueOperation(tx, { userId, project }, { action: 'project.upgradeCore', audit: { target: project.name } });
    return { process };
  });
}
