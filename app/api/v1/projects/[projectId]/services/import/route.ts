import { apiRoute } from '@/lib/api/handler';
import { importServices } from '@/lib/import/apply';
import { importRequestSchema } from '@/lib/validations/import';
import { parseInput } from '@/lib/validations/parse';

type P = { projectId: string };

export const POST = apiRoute<P>(async ({ db, user, params, body }) => {
  const req = parseInput(importRequestSchema, await body(importRequestSchema));
  const result = await importServices(db, user.id, params.projectId, req);
  return Response.json(result, { status: req.dryRun ? 200 : 202 });
});
