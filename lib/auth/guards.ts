import 'server-only';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { auth, type SessionUser } from './index';

export type { SessionUser };

/** For pages: the signed-in user, or a redirect to sign-in (which sends on to /setup when no user exists). */
export async function requireUser(): Promise<SessionUser> {
  const session = await auth();
  if (!session) redirect('/sign-in');
  return session.user;
}

/** For admin pages: non-admins are sent to their projects. */
export async function requireAdminPage(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== 'admin') redirect('/projects');
  return user;
}

/** The signed-in user of this request, if any (route handlers also accept API tokens: lib/api/handler.ts). */
export async function sessionUser(): Promise<SessionUser | undefined> {
  return testSessionUser() ?? (await auth())?.user;
}

/** For server actions: the signed-in user, or an UNAUTHORIZED error (401). */
export async function requireSessionUser(): Promise<SessionUser> {
  const user = await sessionUser();
  if (!user) throw new AppError('UNAUTHORIZED', 'Sign in to continue');
  return user;
}

/**
 * Tests only (NODE_ENV=test, never in a built app): the user that server actions see, so the
 * cross-tenant test can call every action module without a browser session.
 */
declare global {
  var berthTestSessionUser: SessionUser | undefined;
}
export function setTestSessionUser(user: SessionUser | undefined): void {
  if (env.NODE_ENV !== 'test') throw new Error('setTestSessionUser is for tests only');
  globalThis.berthTestSessionUser = user;
}
function testSessionUser(): SessionUser | undefined {
  return env.NODE_ENV === 'test' ? globalThis.berthTestSessionUser : undefined;
}
