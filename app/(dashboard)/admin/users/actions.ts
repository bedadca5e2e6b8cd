'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/action';
import { createUser, setPassword, setUserDisabled } from '@/lib/db/queries/users';
import { AppError } from '@/lib/errors';
import { newUserSchema, passwordSchema } from '@/lib/validations/auth';
import { quotaSchema, setDefaultQuota, setUserQuota } from '@/lib/domain/quotas';

export const createUserAction = adminAction(newUserSchema.extend({ role: z.enum(['user', 'admin']).default('user') }), async (input, { db }) => {
  await createUser(db, input);
  revalidatePath('/admin/users');
  return { ok: true, data: { message: `${input.email} can sign in now.` } };
});

export const setUserDisabledAction = adminAction(z.object({ userId: z.string(), disabled: z.enum(['true', 'false']) }), async (input, { user, db }) => {
  if (input.userId === user.id) throw new AppError('BAD_REQUEST', 'You cannot disable your own account');
  await setUserDisabled(db, input.userId, input.disabled === 'true');
  revalidatePath('/admin/users');
  return { ok: true, data: { message: input.disabled === 'true' ? 'User disabled: their sessions and tokens stop working.' : 'User enabled.' } };
});

export const setDefaultQuotaAction = adminAction(quotaSchema, async (input, { user, db }) => {
  await setDefaultQuota(db, user.id, input);
  revalidatePath('/admin/users');
  return { ok: true, data: { message: 'Default quota saved.' } };
});

export const setUserQuotaAction = adminAction(
  z.object({ userId: z.string().uuid(), reset: z.enum(['true', 'false']).default('false') }).and(quotaSchema.partial()),
  async (input, { user, db }) => {
    const { userId, reset, ...quota } = input;
    await setUserQuota(db, user.id, userId, reset === 'true' ? null : quota);
    revalidatePath('/admin/users');
    return { ok: true, data: { message: reset === 'true' ? 'The user has the default quota again.' : 'Quota saved.' } };
  },
);

export const resetPasswordAction = adminAction(z.object({ userId: z.string().uuid(), password: passwordSchema }), async (input, { db }) => {
  await setPassword(db, input.userId, input.password);
  revalidatePath('/admin/users');
  return { ok: true, data: { message: 'Password set; the user was signed out everywhere.' } };
});
