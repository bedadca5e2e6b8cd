import { bigint, bigserial, index, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { projects } from './projects';
import { services } from './services';

/** CPU, memory, network and disk per container over time: raw samples, downsampled to 1-minute and 1-hour rows. */
export const statsSamples = pgTable(
  'stats_samples',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    serviceId: uuid().references(() => services.id, { onDelete: 'cascade' }),
    containerName: text().notNull(),
    resolution: text().notNull().default('raw'),
    at: timestamp({ withTimezone: true }).notNull(),
    cpuPercent: real().notNull(),
    memoryBytes: bigint({ mode: 'number' }).notNull(),
    memoryLimitBytes: bigint({ mode: 'number' }).notNull(),
    netRxBytes: bigint({ mode: 'number' }).notNull(),
    netTxBytes: bigint({ mode: 'number' }).notNull(),
    blockReadBytes: bigint({ mode: 'number' }).notNull(),
    blockWriteBytes: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [index('stats_service_at_idx').on(t.serviceId, t.at), index('stats_project_at_idx').on(t.projectId, t.at)],
);

export type StatsSample = typeof statsSamples.$inferSelect;
