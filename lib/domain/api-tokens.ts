import crypto from 'node:crypto';
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import { sha256 } from '@/lib/crypto/secrets';
import type { Db } from '@/lib/db/client';
import { apiTokens, users, type User } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import { tokenNameSchema } from '@/lib/validations/members';
import { parseInput } from '@/lib/validations/parse';
import { audit } from './audit';
import { requireId } from './ids';

export const TOKEN_PREFIX = 'berth_';
export { tokenNameSchema };

/** Creates a token; the plain token is returned once and only its SHA-256 is stored. */
export async function createApiToken(db: Db, userId: string, raw: { name: unknown; expiresInDays?: unknown }) {
  const { name, expiresInDays } = parseInput(tokenNameSchema, raw);
  const token = TOKEN_PREFIX + crypto.randomBytes(24).toString('base64url');
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx.insert(apiTokens).values({ userId, name, tokenHash: sha256(token), prefix: token.slice(0, 12), expiresAt }).returning();
    await audit(tx, { userId, action: 'token.create', target: name });
    return inserted!;
  });
  return { token, id: row.id, name, prefix: row.prefix, expiresAt: row.expiresAt };
}

export async function listApiTokens(db: Db, userId: string) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt, expiresAt: apiTokens.expiresAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Db, userId: string, tokenId: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, requireId(tokenId, 'Token')), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (!row) throw notFound('Token');
    await audit(tx, { userId, action: 'token.revoke', target: tokenId });
  });
}

/** The active user behind a bearer token, or undefined for an unknown, revoked, expired or disabled one. */
export async function userForToken(db: Db, token: string): Promise<User | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const [row] = await db
    .select({ user: users, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date()))));
  if (!row || row.user.disabled) return undefined;
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
  return row.user;
}
