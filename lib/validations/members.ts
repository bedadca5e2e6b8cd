import { z } from 'zod';
import { emailSchema } from './auth';

export const addMemberSchema = z.object({ email: emailSchema, role: z.enum(['member', 'viewer'], { message: 'Choose member or viewer' }) });

export const TOKEN_LIFETIMES = [7, 30, 90, 365] as const;
/** A token's name and lifetime in days (0 = never expires; default 90). */
export const tokenNameSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(60, 'Use at most 60 characters'),
  expiresInDays: z.coerce
    .number({ message: 'Choose 0 (never) or 1 to 365 days' })
    .int('Choose 0 (never) or 1 to 365 days')
    .min(0, 'Choose 0 (never) or 1 to 365 days')
    .max(365, 'Choose 0 (never) or 1 to 365 days')
    .default(90),
});
