import { bigint, boolean, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { processes } from './processes';
import { projects } from './projects';
import { services } from './services';

export const backupStatus = pgEnum('backup_status', ['RUNNING', 'COMPLETE', 'FAILED']);
export const backupTrigger = pgEnum('backup_trigger', ['MANUAL', 'SCHEDULE', 'UPLOAD']);

/**
 * One backup of a data service: an encrypted file under the data directory. COMPLETE only once the
 * file is fully written, fsynced and its checksum recorded; the service's type and version are kept
 * so a backup outlives its service and restores into a new one.
 */
export const backups = pgTable(
  'backups',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Null once the project was deleted with its backups kept: the backup then belongs to `ownerId`. */
    projectId: uuid().references(() => projects.id, { onDelete: 'set null' }),
    serviceId: uuid().references(() => services.id, { onDelete: 'set null' }),
    /** The user a kept backup of a deleted project belongs to (the project's owner). */
    ownerId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    /** The name of the deleted project a kept backup comes from. */
    keptFromProject: text(),
    /** The project's data key, wrapped by the server's secret key, copied here when the project is deleted with its backups kept. */
    wrappedKey: text(),
    serviceHostname: text().notNull(),
    serviceType: text().notNull(),
    serviceVersion: text().notNull(),
    status: backupStatus().notNull().default('RUNNING'),
    trigger: backupTrigger().notNull().default('MANUAL'),
    processId: uuid().references(() => processes.id, { onDelete: 'set null' }),
    /** Bytes of the encrypted file on disk. */
    sizeBytes: bigint({ mode: 'number' }).notNull().default(0),
    /** Bytes of the dump the tool wrote (before encryption). */
    dumpBytes: bigint({ mode: 'number' }).notNull().default(0),
    durationMs: integer(),
    /** SHA-256 (hex) of the encrypted file, checked before a restore reads it. */
    sha256: text(),
    tool: text().notNull(),
    toolVersion: text(),
    /** Path of the file relative to the data directory. */
    location: text().notNull(),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('backups_service_idx').on(t.serviceId, t.createdAt), index('backups_project_idx').on(t.projectId), index('backups_owner_idx').on(t.ownerId)],
);

/** The backup schedule and retention of one service. */
export const backupSchedules = pgTable('backup_schedules', {
  serviceId: uuid()
    .primaryKey()
    .references(() => services.id, { onDelete: 'cascade' }),
  projectId: uuid()
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' }),
  enabled: boolean().notNull().default(true),
  /** Five-field cron expression (minute hour day-of-month month day-of-week). */
  cron: text().notNull().default('0 3 * * *'),
  /** IANA time zone the cron expression is read in. */
  timeZone: text().notNull().default('UTC'),
  /** Keep at most this many complete backups (null: no count limit). */
  keepLast: integer(),
  /** Delete complete backups older than this many days (null: no age limit). */
  keepDays: integer(),
  /** When the scheduler last enqueued a backup; the next run is computed from it. */
  lastFiredAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A 256-bit data key per project, stored encrypted under the server's secret key. */
export const projectBackupKeys = pgTable('project_backup_keys', {
  projectId: uuid()
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  wrappedKey: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type Backup = typeof backups.$inferSelect;
export type BackupSchedule = typeof backupSchedules.$inferSelect;

/** Where a project's new backups go when not under the data directory: an S3-compatible bucket. */
export const backupTargets = pgTable('backup_targets', {
  projectId: uuid()
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  /**
   * An object-storage service of the project as the target: its bucket and keys come from the
   * service's variables and its address from its running container, when used. Null: `endpoint`.
   */
  serviceId: uuid().references(() => services.id, { onDelete: 'cascade' }),
  endpoint: text().notNull(),
  bucket: text().notNull(),
  region: text().notNull().default('us-east-1'),
  accessKeyId: text().notNull(),
  /** The secret access key, wrapped by the server's secret key. */
  wrappedSecret: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type BackupTarget = typeof backupTargets.$inferSelect;
