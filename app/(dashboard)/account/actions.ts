'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/actions/action';
import { createApiToken, revokeApiToken } from '@/lib/services/api-tokens';

export const createTokenAction = validatedAction(z.object({ name: z.string(), expiresInDays: z.string().optional() }), async (input, { user, db }) => {
  const created = await createApiToken(db, user.id, { name: input.name, expiresInDays: input.expiresInDays });
  revalidatePath('/account');
  return { ok: true, data: { token: created.token, message: 'Token created. Copy it now: it is not shown again.' } };
});

export const revokeTokenAction = validatedAction(z.object({ tokenId: z.string() }), async (input, { user, db }) => {
  await revokeApiToken(db, user.id, input.tokenId);
  revalidatePath('/account');
  return { ok: true, data: { message: 'Token revoked.' } };
});
