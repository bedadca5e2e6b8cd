import type { ProjectSettings } from './settings';
import { index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

export const corePackage = pgEnum('core_package', ['LIGHT', 'SERIOUS']);
export const projectStatus = pgEnum('project_status', [
  'NEW',
  'CREATING',
  'ACTIVE',
  'UPGRADING',
  'DELETING',
  'FAILED',
  'STOPPING',
  'STOPPED',
  'STARTING',
]);
export const memberRole = pgEnum('member_role', ['owner', 'member', 'viewer']);

export const projects = pgTable('projects', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  description: text().notNull().default(''),
  corePackage: corePackage().notNull().default('LIGHT'),
  /** The project's IPv4 address from BERTH_IP_POOL (optional: added and released on request); unique while the project lives. */
  address: text().unique(),
  /** The project's IPv6 address from BERTH_IP6_POOL (canonical form); every project has one, never changed. */
  address6: text().unique(),
  /**
   * The /64 of the project's private network when it has IPv6 (`networkIpv6`, chosen at creation),
   * from BERTH_NET6_POOL; null: the network is IPv4 only. Unique while the project lives.
   */
  network6: text().unique(),
  status: projectStatus().notNull().default('NEW'),
  /** The core upgrade's phase and log forwarding (routes, domains and ports live in their own tables). */
  settings: jsonb().$type<ProjectSettings>().notNull().default({}),
  createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const projectMembers = pgTable(
  'project_members',
  {
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index('project_members_user_idx').on(t.userId)],
);

export type Project = typeof projects.$inferSelect;
export type ProjectMember = typeof projectMembers.$inferSelect;
export type MemberRole = (typeof memberRole.enumValues)[number];
export type CorePackage = (typeof corePackage.enumValues)[number];
