import { apiRoute } from '@/lib/api/handler';
import { deleteProject, getProject } from '@/lib/domain/projects';

type P = { projectId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => getProject(db, user.id, params.projectId));

export const DELETE = apiRoute<P>(async ({ db, user, params }) => deleteProject(db, user.id, params.projectId), { status: 202 });
