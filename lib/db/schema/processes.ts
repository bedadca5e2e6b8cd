import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { projects } from './projects';
import { services } from './services';

export const processStatus = pgEnum('process_status', [
  'PENDING',
  'RUNNING',
  'CANCELING',
  'FINISHED',
  'FAILED',
  'CANCELED',
]);

/** Durable, cancellable operations (Zerops' process model: PENDING → RUNNING → FINISHED | FAILED | CANCELED). Written in the same transaction as the change. */
export const processes = pgTable(
  'processes',
  {
    id: uuid().primaryKey().defaultRandom(),
    sequence: bigserial({ mode: 'number' }).notNull(),
    projectId: uuid().references(() => projects.id, { onDelete: 'set null' }),
    /** Kept after the project row is gone so a project.delete process stays readable. */
    projectName: text().notNull().default(''),
    serviceId: uuid().references(() => services.id, { onDelete: 'set null' }),
    action: text().notNull(),
    status: processStatus().notNull().default('PENDING'),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdBySystem: boolean().notNull().default(false),
    canceledBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    cancelRequested: boolean().notNull().default(false),
    attempts: integer().notNull().default(0),
    workerId: text(),
    heartbeatAt: timestamp({ withTimezone: true }),
    deadlineAt: timestamp({ withTimezone: true }),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('processes_status_idx').on(t.status, t.sequence),
    index('processes_project_idx').on(t.projectId, t.sequence),
  ],
);

export const processLogs = pgTable(
  'process_logs',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    processId: uuid()
      .notNull()
      .references(() => processes.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    level: text().notNull().default('info'),
    step: text(),
    message: text().notNull(),
  },
  (t) => [index('process_logs_process_idx').on(t.processId, t.id)],
);

export type ProcessRow = typeof processes.$inferSelect;
export type ProcessStatus = (typeof processStatus.enumValues)[number];
export type ProcessLogRow = typeof processLogs.$inferSelect;
