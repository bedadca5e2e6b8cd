import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ResolvedSetup } from '@/lib/deploy/zerops-yml/select';
import { users } from './auth';
import { processes } from './processes';
import { projects } from './projects';
import { services } from './services';

/** An app version's life, named like Zerops' app version statuses. */
export const appVersionStatus = pgEnum('app_version_status', [
  'PENDING',
  'BUILDING',
  'BUILD_FAILED',
  'DEPLOYING',
  'DEPLOY_FAILED',
  'ACTIVE',
  'BACKUP',
  'CANCELLED',
]);

export type AppVersionSource =
  | { kind: 'archive'; digest: string; bytes: number }
  | { kind: 'git'; url: string; ref: string | null; commit?: string }
  | { kind: 'inline'; digest: string };

/**
 * A rolling rollout's progress (a scaled service replaces its containers one ordinal at a time):
 * new containers below `started` run, below `routed` take traffic (the old ones from `routed` up
 * keep theirs), and the old containers below `removed` are gone.
 */
export interface RollingProgress {
  started: number;
  routed: number;
  removed: number;
}

/**
 * One deploy of a runtime service: its source, zerops.yml and setup, the artifact its build
 * produced (content-addressed under the data dir) and the per-version image the containers run.
 * The build log is the log of `processId`.
 */
export const appVersions = pgTable(
  'app_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… per service. */
    sequence: integer().notNull(),
    status: appVersionStatus().notNull().default('PENDING'),
    source: jsonb().$type<AppVersionSource>().notNull(),
    /** The setup name asked for (null: the service hostname). */
    setupName: text(),
    /** The zerops.yml text the build used (or the inline one given with the deploy). */
    zeropsYml: text(),
    /** The resolved setup (build, deploy and run sections) once parsed. */
    setup: jsonb().$type<ResolvedSetup>(),
    artifactDigest: text(),
    image: text(),
    /** Set while a rolling rollout of this version is under way (see RollingProgress). */
    rolling: jsonb().$type<RollingProgress>(),
    processId: uuid().references(() => processes.id, { onDelete: 'set null' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    error: text(),
    buildMs: integer(),
    deployMs: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    activatedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('app_versions_service_seq_uq').on(t.serviceId, t.sequence),
    index('app_versions_service_status_idx').on(t.serviceId, t.status),
  ],
);

/**
 * A service's tracked Git repository and its webhook. Credentials and the webhook secret are
 * stored encrypted.
 */
export const deploySources = pgTable('deploy_sources', {
  serviceId: uuid()
    .primaryKey()
    .references(() => services.id, { onDelete: 'cascade' }),
  projectId: uuid()
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' }),
  gitUrl: text(),
  /** Branch the webhook builds on push (tags always build). */
  gitBranch: text(),
  setupName: text(),
  tokenEncrypted: text(),
  sshKeyEncrypted: text(),
  webhookSecretEncrypted: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type AppVersion = typeof appVersions.$inferSelect;
export type AppVersionStatus = (typeof appVersionStatus.enumValues)[number];
export type DeploySource = typeof deploySources.$inferSelect;
