import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
