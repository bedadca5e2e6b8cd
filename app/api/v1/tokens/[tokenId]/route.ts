import { apiRoute } from '@/lib/api/handler';
import { revokeApiToken } from '@/lib/domain/api-tokens';

export const DELETE = apiRoute<{ tokenId: string }>(async ({ db, user, params }) => revokeApiToken(db, user.id, params.tokenId));
