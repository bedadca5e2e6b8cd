import { apiRoute } from '@/lib/api/handler';
import { keptBackups } from '@/lib/backups/keep';

export const GET = apiRoute(async ({ db, user }) => ({ backups: await keptBackups(db, user.id) }));
