import { apiRoute } from '@/lib/api/handler';
import { publishRouting } from '@/lib/domain/domains';

type P = { projectId: string };

export const POST = apiRoute<P>(async ({ db, user, params }) => publishRouting(db, user.id, params.projectId), { status: 202 });
