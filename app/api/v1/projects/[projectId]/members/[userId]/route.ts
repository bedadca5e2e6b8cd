import { apiRoute } from '@/lib/api/handler';
import { removeMember } from '@/lib/domain/members';

type P = { projectId: string; userId: string };

export const DELETE = apiRoute<P>(async ({ db, user, params }) => removeMember(db, user.id, params.projectId, params.userId));
