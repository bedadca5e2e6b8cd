import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { projectMembers, projects, type MemberRole, type Project } from '@/lib/db/schema';
import { isUuid } from '@/lib/validations/ids';
import { forbidden, notFound } from '@/lib/errors';

export type Access = 'read' | 'write' | 'owner';

const allowed: Record<Access, MemberRole[]> = {
  read: ['owner', 'member', 'viewer'],
  write: ['owner', 'member'],
  owner: ['owner'],
};

/**
 * The one authorization check for project-scoped work (API, actions, pages, streams).
 * Not a member → NOT_FOUND (no existence leak); a member without the right → FORBIDDEN.
 * Admins (users.role = 'admin') are NOT implicit members of other people's projects: an admin manages
 * users, and sees a project only when its owner adds them.
 */
export async function requireProjectAccess(
  db: Db,
  userId: string,
  projectId: string,
  need: Access,
): Promise<{ project: Project; role: MemberRole }> {
  if (!isUuid(projectId)) throw notFound('Project');
  const [row] = await db
    .select({ project: projects, role: projectMembers.role })
    .from(projects)
    .innerJoin(projectMembers, and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, userId)))
    .where(eq(projects.id, projectId))
    .limit(1);
  if (!row) throw notFound('Project');
  if (!allowed[need].includes(row.role)) {
    throw forbidden(row.role === 'viewer' ? 'Viewers cannot change this project' : 'Only the project owner can do this');
  }
  return row;
}

export function canWrite(role: MemberRole): boolean {
  return allowed.write.includes(role);
}
