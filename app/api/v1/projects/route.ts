import { apiRoute } from '@/lib/api/handler';
import { createProject, listProjects } from '@/lib/domain/projects';
import type { CreateProjectInput } from '@/lib/validations/projects';
import { createProjectSchema } from '@/lib/validations/projects';

export const GET = apiRoute(async ({ db, user }) => ({ projects: await listProjects(db, user.id) }));

export const POST = apiRoute(async ({ db, user, body }) => createProject(db, user.id, (await body(createProjectSchema)) as CreateProjectInput), { status: 202 });
