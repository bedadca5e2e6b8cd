import { apiRoute } from '@/lib/api/handler';
import { projectView } from '@/lib/api/project-view';
import { importProject } from '@/lib/import/apply';
import { importRequestSchema } from '@/lib/validations/import';
import { parseInput } from '@/lib/validations/parse';

export const POST = apiRoute(async ({ db, user, body }) => {
  const req = parseInput(importRequestSchema, await body(importRequestSchema));
  const result = await importProject(db, user.id, req);
  return Response.json({ ...result, project: result.project && projectView(result.project) }, { status: req.dryRun ? 200 : 202 });
});
