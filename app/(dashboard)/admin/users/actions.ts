'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/action';
import { createUser, setUserDisabled } from '@/lib/db/queries/users';
import { AppError } from '@/lib/errors';
import { newUserSchema } from '@/lib/validations/auth';

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
