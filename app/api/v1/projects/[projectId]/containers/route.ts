import { asc, eq } from 'drizzle-orm';
import { apiRoute } from '@/lib/api/handler';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { containers } from '@/lib/db/schema';

type P = { projectId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => {
  await requireProjectAccess(db, user.id, params.projectId, 'read');
  return { containers: await db.select().from(containers).where(eq(containers.projectId, params.projectId)).orderBy(asc(containers.name)) };
});
