import { apiRoute } from '@/lib/api/handler';
import { addMember, listMembers } from '@/lib/domain/members';
import { addMemberSchema } from '@/lib/validations/members';

type P = { projectId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => ({ members: await listMembers(db, user.id, params.projectId) }));

export const POST = apiRoute<P>(async ({ db, user, params, body }) => {
  const b = await body(addMemberSchema);
  return { member: await addMember(db, user.id, params.projectId, { email: b.email, role: b.role }) };
}, { status: 201 });
