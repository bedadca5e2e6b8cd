import { apiRoute } from '@/lib/api/handler';
import { exportService } from '@/lib/import/export';

type P = { projectId: string; serviceId: string };

export const GET = apiRoute<P>(async ({ db, user, params, query }) => {
  const yaml = await exportService(db, user.id, params.projectId, params.serviceId, { includeSecrets: query.get('includeSecrets') === 'true' });
  return new Response(yaml, { headers: { 'content-type': 'application/yaml; charset=utf-8' } });
});
