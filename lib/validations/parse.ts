import type { z } from 'zod';
import { AppError } from '@/lib/errors';

/** The one conversion of zod issues into field errors: the key is the field's path (`env.0.key`), `input` for the whole input. */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : 'input';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/** Parses input or throws a VALIDATION AppError whose message names each field and rule. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors = fieldErrorsOf(parsed.error.issues);
  const message = Object.entries(fieldErrors)
    .map(([k, v]) => `${k}: ${v.join(', ')}`)
    .join('; ');
  throw new AppError('VALIDATION', message, fieldErrors);
}
