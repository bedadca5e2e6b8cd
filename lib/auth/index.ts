import { getServerSession, type Session } from 'next-auth';
import { cache } from 'react';
import { authOptions } from './options';

/** The signed-in user's session for this request (cached per request), or null. */
export const auth = cache(async (): Promise<Session | null> => {
  const session = await getServerSession(authOptions);
  return session?.user?.id ? session : null;
});
