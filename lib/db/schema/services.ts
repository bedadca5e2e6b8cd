import type { AutoscalingSettings } from './autoscaling';
import type { ServiceSettings } from './settings';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { projects } from './projects';

export const serviceMode = pgEnum('service_mode', ['HA', 'NON_HA']);
export const serviceStatus = pgEnum('service_status', [
  'CREATING',
  'ACTIVE',
  'STOPPING',
  'STOPPED',
  'STARTING',
  'RESTARTING',
  'DELETING',
  'FAILED',
  'REPAIRING',
  'SCALING',
]);

export interface ServicePort {
  port: number;
  protocol: 'tcp' | 'udp';
  httpSupport: boolean;
}

export interface ServiceResources {
  cpu: number;
  memoryMb: number;
}

/** One polymorphic table for every catalog type; type-specific columns stay in the catalog's data. */
export const services = pgTable(
  'services',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    hostname: text().notNull(),
    type: text().notNull(),
    version: text().notNull(),
    mode: serviceMode().notNull().default('NON_HA'),
    status: serviceStatus().notNull().default('CREATING'),
    /** Wanted container count for runtimes (1–10); HA types take theirs from the topology. */
    containerCount: integer().notNull().default(1),
    resources: jsonb().$type<ServiceResources>().notNull(),
    ports: jsonb().$type<ServicePort[]>().notNull().default([]),
    /** The HTTP route firewall (see ServiceSettings). */
    settings: jsonb().$type<ServiceSettings>().notNull().default({}),
    /** Scaling ranges (Zerops' verticalAutoscaling plus min/maxContainers); `resources` holds the current limits. */
    autoscaling: jsonb().$type<AutoscalingSettings>().notNull().default({}),
    subdomainAccess: boolean().notNull().default(false),
    /** Wanted run state: stopped services keep their volumes and no running containers. */
    running: boolean().notNull().default(true),
    /** Bumped by restart so the planner recreates containers with the current env. */
    generation: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('services_project_hostname_uq').on(t.projectId, t.hostname)],
);

/** Observed containers, written by the reconciler for the UI (Docker stays the source of truth). */
export const containers = pgTable(
  'containers',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    serviceId: uuid().references(() => services.id, { onDelete: 'cascade' }),
    name: text().notNull().unique(),
    role: text().notNull(),
    ordinal: integer().notNull().default(0),
    dockerId: text(),
    status: text().notNull().default('CREATING'),
    health: text(),
    restartCount: integer().notNull().default(0),
    startedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('containers_service_idx').on(t.serviceId), index('containers_project_idx').on(t.projectId)],
);

export type Service = typeof services.$inferSelect;
export type NewService = typeof services.$inferInsert;
export type ContainerRow = typeof containers.$inferSelect;
export type ServiceMode = (typeof serviceMode.enumValues)[number];
