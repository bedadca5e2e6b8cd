import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { authOptions, type SessionUser } from './options';

export type { SessionUser };

/** The signed-in, enabled user for this request (cached per request), or null. */
export const auth = cache(async (): Promise<{ user: SessionUser } | null> => {
  const session = await getServerSession(authOptions);
  return session?.user?.id ? { user: session.user } : null;
});
