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

/** An S3-compatible bucket as the project's backup target; the secret key is stored wrapped and never shown again. */
/** An object-storage service of the same project as the target (its bucket and keys are its own). */
export const backupServiceTargetSchema = z.object({ serviceId: z.string().uuid({ message: 'must be a service id' }) }).strict();

export const backupTargetSchema = z
  .object({
    endpoint: z
      .string()
      .url({ message: 'must be a URL such as https://s3.example.com' })
      .refine((u) => /^https?:\/\//.test(u), { message: 'must be an http:// or https:// URL' }),
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be 3–63 lowercase letters, digits, dots and hyphens' }),
    region: z.string().min(1).max(64).default('us-east-1'),
    accessKeyId: z.string().min(1).max(256),
    secretAccessKey: z.string().min(1).max(256),
  })
  .strict();

/** What the REST API takes: a bucket (endpoint, keys) or an object-storage service of the project (serviceId). */
export const backupTargetRequestSchema = backupTargetSchema.partial().extend({ serviceId: z.string().uuid().optional() });
