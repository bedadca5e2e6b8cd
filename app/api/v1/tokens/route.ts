import { apiRoute } from '@/lib/api/handler';
import { createApiToken, listApiTokens } from '@/lib/domain/api-tokens';
import { tokenNameSchema } from '@/lib/validations/members';

export const GET = apiRoute(async ({ db, user }) => ({ tokens: await listApiTokens(db, user.id) }));

/** The token is in this response only. */
export const POST = apiRoute(async ({ db, user, body }) => createApiToken(db, user.id, (await body(tokenNameSchema)) as { name: unknown; expiresInDays?: unknown }), { status: 201 });
