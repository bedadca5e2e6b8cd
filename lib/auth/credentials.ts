import type { Db } from '@/lib/db/client';
import { getUserByEmail, getUserById } from '@/lib/db/queries/users';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { signInSchema } from '@/lib/validations/auth';
import { BAD_CREDENTIALS, tooManyAttempts } from './messages';
import { DUMMY_HASH, verifyPassword } from './password';
import { signInLimiters, type SignInLimiters } from './rate-limit';

const log = logger('auth');

export { BAD_CREDENTIALS, tooManyAttempts };

export interface CredentialsUser {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'user';
}

/** The caller's address as the proxy in front (or Next's own server) reports it; `local` when absent. */
export function clientIp(headers: Record<string, unknown> | undefined): string {
  const fwd = headers?.['x-forwarded-for'];
  const first = typeof fwd === 'string' ? fwd.split(',')[0]?.trim() : undefined;
  const real = headers?.['x-real-ip'];
  return first || (typeof real === 'string' ? real : '') || 'local';
}

/**
 * The Credentials provider's check. Throws an Error whose message next-auth hands to the sign-in
 * form: BAD_CREDENTIALS for every refusal, or the rate-limit message. Failures count against the
 * caller's IP and the email; a success clears only the email's count (so one good account cannot
 * reset an address that is guessing at others).
 */
export async function authorizeCredentials(
  db: Db,
  credentials: Record<string, unknown> | undefined,
  ip: string,
  limiters: SignInLimiters = signInLimiters,
): Promise<CredentialsUser> {
  const parsed = signInSchema.safeParse(credentials ?? {});
  if (!parsed.success) throw new Error(BAD_CREDENTIALS);
  const { email, password } = parsed.data;
  const wait = Math.max(limiters.ip.retryAfter(ip), limiters.email.retryAfter(email));
  if (wait > 0) throw new Error(tooManyAttempts(wait));

  const user = await getUserByEmail(db, email);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) {
    limiters.ip.fail(ip);
    limiters.email.fail(email);
    log.info('sign-in refused', { email, ip, reason: !user ? 'unknown email' : !ok ? 'wrong password' : 'disabled' });
    throw new Error(BAD_CREDENTIALS);
  }
  limiters.email.reset(email);
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/**
 * The session's user as it is now: undefined when the account was disabled or deleted since
 * sign-in, or when the session was issued (`issuedAtMs`, set at sign-in) before the user's
 * sessions were revoked (sign-out, password change or reset).
 */
export async function activeSessionUser(db: Db, userId: string | undefined, issuedAtMs?: number): Promise<CredentialsUser | undefined> {
  const user = userId ? await getUserById(db, userId) : undefined;
  if (!user || user.disabled) return undefined;
  if (user.sessionsValidFrom && (issuedAtMs === undefined || issuedAtMs < user.sessionsValidFrom.getTime())) return undefined;
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/**
 * For long-lived responses (live streams): throws once the account was disabled or deleted, or its
 * sessions were revoked after `openedAt`, so the stream ends instead of outliving the session.
 */
export async function requireStillActive(db: Db, userId: string, openedAt: number): Promise<void> {
  const user = await getUserById(db, userId);
  if (!user || user.disabled || (user.sessionsValidFrom && user.sessionsValidFrom.getTime() > openedAt)) {
    throw new AppError('UNAUTHORIZED', 'The session ended');
  }
}
