import { apiRoute } from '@/lib/api/handler';
import { projectView } from '@/lib/api/project-view';
import { parseKeepBackups } from '@/lib/backups/keep';
import { deleteProject, getProject } from '@/lib/domain/projects';

type P = { projectId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => {
  const { project, role } = await getProject(db, user.id, params.projectId);
  return { project: projectView(project), role };
});

export const DELETE = apiRoute<P>(async ({ db, user, params, query }) => deleteProject(db, user.id, params.projectId, { keepBackups: parseKeepBackups(query.get('keepBackups')) }), { status: 202 });
