import { z } from 'zod';
import { emailSchema } from './auth';

export const addMemberSchema = z.object({ email: emailSchema, role: z.enum(['member', 'viewer'], { message: 'Choose member or viewer' }) });

export const tokenNameSchema = z.object({ name: z.string().trim().min(1, 'Enter a name').max(60, 'Use at most 60 characters') });
