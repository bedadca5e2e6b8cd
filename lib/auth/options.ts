import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { persistentSecret } from '@/lib/crypto/keys';
import { getDb } from '@/lib/db';
import { getUserByEmail, getUserById } from '@/lib/db/queries/users';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { signInSchema } from '@/lib/validations/auth';
import { DUMMY_HASH, verifyPassword } from './password';
import { signInLimiter } from './rate-limit';

const log = logger('auth');

/** The message a failed sign-in shows: the same for an unknown email and a wrong password. */
export const BAD_CREDENTIALS = 'Email or password is incorrect';

declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string; email: string; role: 'admin' | 'user' };
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    role?: 'admin' | 'user';
  }
}

export function authSecret(): string {
  return env.NEXTAUTH_SECRET ?? persistentSecret('nextauth.secret', undefined).toString('hex');
}

function clientIp(headers: Record<string, unknown> | undefined): string {
  const fwd = headers?.['x-forwarded-for'];
  const first = typeof fwd === 'string' ? fwd.split(',')[0]?.trim() : undefined;
  const real = headers?.['x-real-ip'];
  return first || (typeof real === 'string' ? real : '') || 'local';
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: 'jwt', maxAge: 7 * 24 * 3600 },
  pages: { signIn: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error(BAD_CREDENTIALS);
        const { email, password } = parsed.data;
        const keys = [`ip:${clientIp(req.headers)}`, `email:${email}`];
        const wait = Math.max(...keys.map((k) => signInLimiter.retryAfter(k)));
        if (wait > 0) {
          throw new Error(`Too many failed attempts. Try again in ${Math.ceil(wait / 60_000)} minute(s).`);
        }
        const db = await getDb();
        const user = await getUserByEmail(db, email);
        const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !ok || user.disabled) {
          keys.forEach((k) => signInLimiter.fail(k));
          log.info('sign-in refused', { email });
          throw new Error(BAD_CREDENTIALS);
        }
        keys.forEach((k) => signInLimiter.reset(k));
        return { id: user.id, name: user.name, email: user.email, role: user.role };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = (user as { role?: 'admin' | 'user' }).role ?? 'user';
      }
      return token;
    },
    async session({ session, token }) {
      // Re-read the user so a disabled or deleted account loses access at once.
      const db = await getDb();
      const user = token.uid ? await getUserById(db, token.uid) : undefined;
      if (!user || user.disabled) return { ...session, user: undefined as never, expires: new Date(0).toISOString() };
      session.user = { id: user.id, name: user.name, email: user.email, role: user.role };
      return session;
    },
  },
};
