import { apiRoute } from '@/lib/api/handler';
import { exportProject } from '@/lib/import/export';

type P = { projectId: string };

export const GET = apiRoute<P>(async ({ db, user, params, query }) => {
  const yaml = await exportProject(db, user.id, params.projectId, { includeSecrets: query.get('includeSecrets') === 'true' });
  return new Response(yaml, { headers: { 'content-type': 'application/yaml; charset=utf-8' } });
});
