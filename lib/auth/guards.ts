import 'server-only';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { auth } from './index';

export type SessionUser = { id: string; name: string; email: string; role: 'admin' | 'user' };

/** For pages: the signed-in user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const session = await auth();
  if (!session) redirect('/sign-in');
  return session.user;
}

export async function requireAdminPage(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== 'admin') redirect('/projects');
  return user;
}

/** For actions and route handlers: the signed-in user, or an UNAUTHORIZED error. */
export async function requireSessionUser(): Promise<SessionUser> {
  const testUser = testSessionUser();
  if (testUser) return testUser;
  const session = await auth();
  if (!session) throw new AppError('UNAUTHORIZED', 'Sign in to continue');
  return session.user;
}

/**
 * Tests only (NODE_ENV=test, never in a built app): the user that server actions see, so the
 * cross-tenant test can call every action module without a browser session.
 */
const globalForTest = globalThis as unknown as { berthTestSessionUser?: SessionUser };
export function setTestSessionUser(user: SessionUser | undefined): void {
  if (env.NODE_ENV !== 'test') throw new Error('setTestSessionUser is for tests only');
  globalForTest.berthTestSessionUser = user;
}
function testSessionUser(): SessionUser | undefined {
  return env.NODE_ENV === 'test' ? globalForTest.berthTestSessionUser : undefined;
}
