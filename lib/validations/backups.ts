import { z } from 'zod';

export const restoreSchema = z.object({ backupId: z.string().uuid({ message: 'must be a backup id' }) }).strict();

export const backupScheduleSchema = z
  .object({
    enabled: z.boolean().optional(),
    /** Five-field cron expression, read in `timeZone`. */
    cron: z.string().max(100).optional(),
    /** IANA time zone, e.g. Europe/Prague. */
    timeZone: z.string().max(64).optional(),
    keepLast: z.number().int().min(1).max(1000).nullable().optional(),
    keepDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .strict();
export type BackupScheduleInput = z.infer<typeof backupScheduleSchema>;
