import { asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { users, type User } from '@/lib/db/schema';
import { conflict, invalid, notFound } from '@/lib/errors';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import type { NewUserInput } from '@/lib/validations/auth';

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function getUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
}

export async function getUserById(db: Db, id: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function listUsers(db: Db): Promise<User[]> {
  return db.select().from(users).orderBy(asc(users.createdAt));
}

/**
 * Creates the first admin. Race-safe: a transaction-scoped advisory lock serialises attempts and
 * the count is checked inside it, so two concurrent requests make exactly one admin.
 */
export async function createFirstAdmin(db: Db, input: NewUserInput, hash: (plain: string) => Promise<string> = hashPassword): Promise<User> {
  // Once an admin exists the setup form is closed: refuse before spending a bcrypt hash on it.
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) throw conflict('An admin already exists. Sign in instead.');
  const passwordHash = await hash(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(847001)`);
    const [row] = await tx.select({ n: count() }).from(users);
    if ((row?.n ?? 0) > 0) throw conflict('An admin already exists. Sign in instead.');
    const [user] = await tx
      .insert(users)
      .values({ name: input.name, email: input.email, passwordHash, role: 'admin' })
      .returning();
    return user!;
  });
}

export async function createUser(db: Db, input: NewUserInput & { role?: 'admin' | 'user' }): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  const [user] = await db
    .insert(users)
    .values({ name: input.name, email: input.email, passwordHash, role: input.role ?? 'user' })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!user) throw conflict('A user with this email already exists', 'email');
  return user;
}

export async function setUserDisabled(db: Db, id: string, disabled: boolean): Promise<void> {
  await db.update(users).set({ disabled }).where(eq(users.id, id));
}

/** Voids every session (JWT) of the user issued until now (sessions carry their sign-in time in ms). */
export async function revokeSessions(db: Db, id: string): Promise<void> {
  await db.update(users).set({ sessionsValidFrom: new Date(Date.now() + 1) }).where(eq(users.id, id));
}

/** Sets a new password (an admin's reset, or the user's own change) and signs the user out everywhere. */
export async function setPassword(db: Db, id: string, plain: string): Promise<void> {
  const passwordHash = await hashPassword(plain);
  const [row] = await db.update(users).set({ passwordHash }).where(eq(users.id, id)).returning({ id: users.id });
  if (!row) throw notFound('User');
  await revokeSessions(db, id);
}

/** The user's own change: the current password first. */
export async function changeOwnPassword(db: Db, id: string, current: string, next: string): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user || !(await verifyPassword(current, user.passwordHash))) throw invalid('current', 'is not your current password');
  await setPassword(db, id, next);
}
