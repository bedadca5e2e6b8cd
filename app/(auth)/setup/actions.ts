'use server';

import { redirect } from 'next/navigation';
import { publicAction } from '@/lib/actions/action';
import { createFirstAdmin } from '@/lib/db/queries/users';
import { firstAdminSchema } from '@/lib/validations/auth';

/** Creates the first admin; refused (race-safe) once any user exists. */
export const createFirstAdminAction = publicAction(firstAdminSchema, async (input, db) => {
  await createFirstAdmin(db, input);
  redirect('/sign-in?created=1');
});
