import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { projectMembers, users } from '@/lib/db/schema';
import { AppError, conflict, notFound } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { addMemberSchema } from '@/lib/validations/members';
import { parseInput } from '@/lib/validations/parse';
import { audit } from './audit';
import { requireId } from './ids';

export { addMemberSchema };

export async function listMembers(db: Db, userId: string, projectId: string) {
  await requireProjectAccess(db, userId, projectId, 'read');
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: projectMembers.role })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(users.email));
}

export async function addMember(db: Db, userId: string, projectId: string, raw: { email: unknown; role: unknown }) {
  await requireProjectAccess(db, userId, projectId, 'owner');
  const input = parseInput(addMemberSchema, raw);
  const [user] = await db.select().from(users).where(eq(users.email, input.email));
  if (!user) throw new AppError('VALIDATION', 'email: no user has this email; an admin creates users first', { email: ['no user has this email'] });
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(projectMembers).values({ projectId, userId: user.id, role: input.role }).onConflictDoNothing().returning();
    if (!row) throw conflict('This user is already a member of the project', 'email');
    await audit(tx, { userId, projectId, action: 'member.add', target: input.email, details: { role: input.role } });
    return row;
  });
}

export async function removeMember(db: Db, userId: string, projectId: string, memberId: string) {
  await requireProjectAccess(db, userId, projectId, 'owner');
  await db.transaction(async (tx) => {
    const where = and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, requireId(memberId, 'Member')));
    const [member] = await tx.select().from(projectMembers).where(where).for('update');
    if (!member) throw notFound('Member');
    if (member.role === 'owner') throw new AppError('BAD_REQUEST', 'The owner cannot be removed from the project');
    await tx.delete(projectMembers).where(where);
    await audit(tx, { userId, projectId, action: 'member.remove', target: memberId, details: { role: member.role } });
  });
}
