import { z } from 'zod';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A host name: dot-separated labels of a-z, 0-9 and inner dashes, at most 253 characters. */
export function isHostName(value: string): boolean {
  return value.length <= 253 && value.split('.').length >= 2 && value.split('.').every((l) => LABEL.test(l));
}

export const domainSchema = z.object({
  serviceId: z.string().uuid('Choose a service'),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .refine(isHostName, { message: 'Use a host name such as shop.example.com (letters, digits, dashes; at least one dot)' }),
  path: z
    .string()
    .trim()
    .default('/')
    .refine((p) => /^\/[A-Za-z0-9/_.-]{0,200}$/.test(p), { message: 'Use a path that starts with / (letters, digits, / _ . -)' }),
});
export type DomainInput = z.input<typeof domainSchema>;
