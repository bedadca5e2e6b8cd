import { boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { projects } from './projects';
import { services } from './services';

export const envKind = pgEnum('env_kind', ['user', 'generated']);

/**
 * Project- and service-level variables. `scope` is 'project' or the service id, so one unique index
 * covers both levels; `keyLower` makes keys unique regardless of case.
 * Every value is stored encrypted (AES-256-GCM), secret or not.
 */
export const envVariables = pgTable(
  'env_variables',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    serviceId: uuid().references(() => services.id, { onDelete: 'cascade' }),
    scope: text().notNull(),
    key: text().notNull(),
    keyLower: text().notNull(),
    valueEncrypted: text().notNull(),
    secret: boolean().notNull().default(false),
    kind: envKind().notNull().default('user'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('env_scope_key_uq').on(t.projectId, t.scope, t.keyLower),
    index('env_service_idx').on(t.serviceId),
  ],
);

export type EnvVariableRow = typeof envVariables.$inferSelect;
