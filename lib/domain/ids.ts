import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { projects } from '@/lib/db/schema';
import { AppError, notFound } from '@/lib/errors';
import { isUuid } from '@/lib/validations/ids';

/** An id that is not a UUID names nothing: NOT_FOUND, before the database would refuse the cast. */
export function requireId(id: string, what: string): string {
  if (!isUuid(id)) throw notFound(what);
  return id;
}

/** Wanted-state changes to a project that is being deleted would be queued behind its deletion. */
export function requireNotDeleting(project: { status: string }): void {
  if (project.status === 'DELETING') throw new AppError('CONFLICT', 'The project is being deleted; it cannot be changed');
}

/** Inside a change's transaction: holds the project row (FOR SHARE) so a concurrent delete waits, then checks it. */
export async function lockProjectForChange(tx: Db, projectId: string): Promise<void> {
  const [row] = await tx.select({ status: projects.status }).from(projects).where(eq(projects.id, projectId)).for('share');
  if (!row) throw notFound('Project');
  requireNotDeleting(row);
}
