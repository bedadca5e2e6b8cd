'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/actions/action';
import { createApiToken, revokeApiToken } from '@/lib/domain/api-tokens';
import { changeOwnPassword } from '@/lib/db/queries/users';
import { passwordSchema } from '@/lib/validations/auth';

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

export const changePasswordAction = validatedAction(
  z.object({ current: z.string().min(1, 'Enter your current password').max(200), password: passwordSchema }),
  async (input, { user, db }) => {
    await changeOwnPassword(db, user.id, input.current, input.password);
    return { ok: true, data: { message: 'Password changed. Sign in again on every device.' } };
  },
);
