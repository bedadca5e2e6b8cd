import { apiRoute } from '@/lib/api/handler';
import { parseKeepBackups } from '@/lib/backups/keep';
import { deleteProject, getProject } from '@/lib/services/projects';

type P = { projectId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => getProject(db, user.id, params.projectId));

export const DELETE = apiRoute<P>(async ({ db, user, params, query }) => deleteProject(db, user.id, params.projectId, { keepBackups: parseKeepBackups(query.get('keepBackups')) }), { status: 202 });
