import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** What one user may own at once (projects they created, and everything in them). */
export interface Quota {
  projects: number;
  services: number;
  containers: number;
  /** CPU cores, summed over every container. */
  cpu: number;
  /** Memory limits in MB, summed over every container. */
  memoryMb: number;
}

export const userRole = pgEnum('user_role', ['admin', 'user']);

export const users = pgTable('users', {
  id: uuid().primaryKey().defaultRandom(),
  email: text().notNull().unique(),
  name: text().notNull(),
  passwordHash: text().notNull(),
  role: userRole().notNull().default('user'),
  disabled: boolean().notNull().default(false),
  /** Set by an admin for this user; null: the instance default applies. */
  quota: jsonb().$type<Quota>(),
  /** Sessions (JWTs) issued before this are void: set on sign-out and on a password change or reset. */
  sessionsValidFrom: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Instance-wide settings an admin changes in the dashboard (e.g. `quota`: the default per-user quota). */
export const instanceSettings = pgTable('instance_settings', {
  key: text().primaryKey(),
  value: jsonb().$type<unknown>().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Personal API tokens: only a SHA-256 of the token is stored; the token is shown once. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    /** First characters of the token, shown in lists so a person can tell tokens apart. */
    prefix: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    /** null: never expires. */
    expiresAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type ApiToken = typeof apiTokens.$inferSelect;
