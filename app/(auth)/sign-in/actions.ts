'use server';

import { publicAction } from '@/lib/actions/action';
import { signInSchema } from '@/lib/validations/auth';

/**
 * Checks the sign-in form's fields on the server (field messages, nothing else), so the page ships
 * no validation library; the credentials themselves are checked by next-auth's endpoint.
 */
export const checkSignInAction = publicAction(signInSchema, async () => ({ ok: true }));
