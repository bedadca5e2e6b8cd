import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { projects } from './projects';
import { services } from './services';

export const firewallPolicy = pgEnum('firewall_policy', ['none', 'allow', 'deny']);

/** A TCP/UDP port on the project address forwarded to a service port, with its own firewall. */
export const publicPorts = pgTable(
  'public_ports',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    publicPort: integer().notNull(),
    internalPort: integer().notNull(),
    protocol: text().$type<'tcp' | 'udp'>().notNull(),
    /** allow: only `ranges` may connect; deny: everyone but `ranges`; none: open. */
    firewallPolicy: firewallPolicy().notNull().default('none'),
    firewallRanges: jsonb().$type<string[]>().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('public_ports_project_port_uq').on(t.projectId, t.publicPort, t.protocol), index('public_ports_service_idx').on(t.serviceId)],
);

export type PublicPort = typeof publicPorts.$inferSelect;

/**
 * Custom domains (and paths) routed to a service's HTTP port. Changes are staged: a new or removed
 * domain takes effect when the project's routing is published (Zerops' draft → publish).
 */
export const httpDomains = pgTable(
  'http_domains',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    domain: text().notNull(),
    path: text().notNull().default('/'),
    port: integer().notNull(),
    /** false: a draft not yet in the balancer. */
    isSynced: boolean().notNull().default(false),
    /** true: removed in the draft; deleted when published. */
    deleteOnSync: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // A domain + path belongs to one project: the unique index spans projects.
  (t) => [uniqueIndex('http_domains_domain_path_uq').on(t.domain, t.path), index('http_domains_project_idx').on(t.projectId)],
);

export type HttpDomain = typeof httpDomains.$inferSelect;

/**
 * TLS certificates a project's balancers serve. `internal`: one certificate from Berth's CA for all
 * of the project's HTTP names (subdomains and custom domains), always present so HTTPS works at
 * once. `acme`: one per custom domain when BERTH_ACME_EMAIL is set; served for that domain once
 * active. The key is encrypted at rest. `attemptedAt` + `error` let a failed issuance back off.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** 'internal' (subdomains), 'internal-custom' (proven custom domains), or the custom domain an ACME certificate is for. */
    name: text().notNull(),
    hosts: jsonb().$type<string[]>().notNull().default([]),
    issuer: text().$type<'internal' | 'acme'>().notNull(),
    status: text().$type<'pending' | 'active' | 'failed'>().notNull().default('pending'),
    certPem: text(),
    keyEncrypted: text(),
    expiresAt: timestamp({ withTimezone: true }),
    attemptedAt: timestamp({ withTimezone: true }),
    error: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('certificates_project_name_uq').on(t.projectId, t.name)],
);

export type Certificate = typeof certificates.$inferSelect;
