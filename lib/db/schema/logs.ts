import { bigint, bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { projects } from './projects';

/**
 * Service containers' output, collected from the engine into the database, so it outlives the
 * containers that wrote it (replacements, core upgrades). Bounded per project by the collector.
 */
export const logLines = pgTable(
  'log_lines',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    serviceId: uuid(),
    containerName: text().notNull(),
    at: timestamp({ withTimezone: true, precision: 6 }).notNull(),
    stream: text().notNull(),
    message: text().notNull(),
  },
  (t) => [index('log_lines_project_at_idx').on(t.projectId, t.at), index('log_lines_container_at_idx').on(t.containerName, t.at)],
);

export type LogLineRow = typeof logLines.$inferSelect;

/**
 * How far each project's log lines have been delivered to its logger (the core's rsyslog archive):
 * lines with a larger id are (re)sent, so a logger that is restarting or moving (the upgrade)
 * receives everything once it listens again.
 */
export const logShipCursors = pgTable('log_ship_cursors', {
  projectId: uuid()
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  shippedId: bigint({ mode: 'number' }).notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
