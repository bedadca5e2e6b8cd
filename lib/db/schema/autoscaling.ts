import { z } from 'zod';
import { bigserial, index, integer, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { projects } from './projects';
import { services } from './services';

/**
 * A service's scaling ranges, with Zerops' names and units: CPU in cores, RAM and disk in GB.
 * Absent keys fall back to the service's fixed resources (no scaling on that resource).
 */
export const autoscalingSchema = z.strictObject({
  cpuMode: z.enum(['SHARED', 'DEDICATED'], { message: 'must be SHARED or DEDICATED' }).optional(),
  minCpu: z.number().positive('must be a positive number').optional(),
  maxCpu: z.number().positive('must be a positive number').optional(),
  startCpuCoreCount: z.number().positive('must be a positive number').optional(),
  minRam: z.number().positive('must be a positive number').optional(),
  maxRam: z.number().positive('must be a positive number').optional(),
  minFreeRamGB: z.number().min(0, 'must be 0 or more').optional(),
  minFreeRamPercent: z.number().min(0, 'must be 0 to 100').max(100, 'must be 0 to 100').optional(),
  minDisk: z.number().positive('must be a positive number').optional(),
  maxDisk: z.number().positive('must be a positive number').optional(),
  minContainers: z.number().int('must be a whole number').min(1, 'is 1 to 10').max(10, 'is 1 to 10').optional(),
  maxContainers: z.number().int('must be a whole number').min(1, 'is 1 to 10').max(10, 'is 1 to 10').optional(),
});
export type AutoscalingSettings = z.infer<typeof autoscalingSchema>;

/** One change the scaler made: a container's CPU or memory limit, or the service's container count. */
export const scalingEvents = pgTable(
  'scaling_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    /** cpu (cores), ram (MB), containers (count), disk (warning only: GB used). */
    resource: text().$type<'cpu' | 'ram' | 'containers' | 'disk'>().notNull(),
    direction: text().$type<'up' | 'down' | 'warn'>().notNull(),
    fromValue: real().notNull(),
    toValue: real().notNull(),
    /** The container changed (vertical), or null for the service's count. */
    containerName: text(),
    reason: text().notNull(),
    containerCount: integer().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('scaling_events_service_at_idx').on(t.serviceId, t.at)],
);
export type ScalingEvent = typeof scalingEvents.$inferSelect;
