import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { persistentSecret } from '@/lib/crypto/keys';
import { getDb } from '@/lib/db';
import { env } from '@/lib/env';
import { activeSessionUser, authorizeCredentials, clientIp, type CredentialsUser } from './credentials';
import { revokeSessions } from '@/lib/db/queries/users';

export { BAD_CREDENTIALS } from './credentials';

export type SessionUser = CredentialsUser;

declare module 'next-auth' {
  interface Session {
    /** Absent when the account was disabled or deleted after the token was issued. */
    user?: SessionUser;
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    role?: 'admin' | 'user';
    issuedAt?: number;
  }
}

/** NEXTAUTH_SECRET, or a secret generated once into the data directory (keys/nextauth.secret). */
export function authSecret(): string {
  return env.NEXTAUTH_SECRET ?? persistentSecret('nextauth.secret', undefined).toString('hex');
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
        return authorizeCredentials(await getDb(), credentials, clientIp(req.headers));
      },
    }),
  ],
  events: {
    // A JWT cannot be taken back: signing out voids every session of the user issued until now.
    async signOut({ token }) {
      if (token?.uid) await revokeSessions(await getDb(), token.uid);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.issuedAt = Date.now(); // milliseconds: a sign-in right after a revocation stays valid
        token.role = 'role' in user && user.role === 'admin' ? 'admin' : 'user';
      }
      return token;
    },
    async session({ session, token }) {
      // Re-read the user on every request, so disabling or deleting an account ends its sessions at once.
      const user = await activeSessionUser(await getDb(), token.uid, token.issuedAt);
      return user ? { expires: session.expires, user } : { expires: session.expires };
    },
  },
};
