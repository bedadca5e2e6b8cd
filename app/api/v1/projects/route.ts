import { apiRoute } from '@/lib/api/handler';
import { projectView } from '@/lib/api/project-view';
import { createProject, listProjects } from '@/lib/domain/projects';
import type { CreateProjectInput } from '@/lib/validations/projects';
import { createProjectSchema } from '@/lib/validations/projects';

export const GET = apiRoute(async ({ db, user }) => ({ projects: (await listProjects(db, user.id)).map((s) => ({ ...s, project: projectView(s.project) })) }));

export const POST = apiRoute(
  async ({ db, user, body }) => {
    const { project, process } = await createProject(db, user.id, (await body(createProjectSchema)) as CreateProjectInput);
    return { project: projectView(project), process };
  },
  { status: 202 },
);
