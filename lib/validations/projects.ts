import { z } from 'zod';

export const ENV_KEY = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
export const MAX_ENV_VALUE = 32 * 1024;

export const envKeySchema = z
  .string()
  .trim()
  .min(1, 'Enter a key')
  .max(128, 'Use at most 128 characters')
  .regex(ENV_KEY, 'Use letters, digits and _ only, not starting with a digit');

export const envValueSchema = z
  .string()
  .max(MAX_ENV_VALUE, `Use at most ${MAX_ENV_VALUE} bytes`)
  .regex(/^[\x20-\x7e\t]*$/, 'Use printable ASCII on one line');

export const envEntrySchema = z.object({ key: envKeySchema, value: envValueSchema, secret: z.boolean().default(false) });

/** Values from an import file may span lines (PEM keys, certificates); still printable ASCII. */
export const envMultilineValueSchema = z
  .string()
  .max(MAX_ENV_VALUE, `Use at most ${MAX_ENV_VALUE} bytes`)
  .regex(/^[\x20-\x7e\t\r\n]*$/, 'Use printable ASCII');
export const envMultilineEntrySchema = envEntrySchema.extend({ value: envMultilineValueSchema });

export const projectNameSchema = z.string().trim().min(1, 'Enter a name').max(60, 'Use at most 60 characters');

export const createProjectSchema = z.object({
  name: projectNameSchema,
  description: z.string().trim().max(500, 'Use at most 500 characters').default(''),
  corePackage: z.enum(['LIGHT', 'SERIOUS'], { message: 'Choose LIGHT or SERIOUS' }).default('LIGHT'),
  env: z.array(envEntrySchema).max(200).default([]),
  /** An IPv4 address beside the IPv6 one every project gets (default: BERTH_IP4_BY_DEFAULT). */
  publicIpV4: z.boolean({ message: 'Use true or false' }).optional(),
  /**
   * IPv6 on the project's private network beside IPv4 (default off; chosen at creation, Docker
   * cannot add it to an existing network). Services must listen on both families (`::`).
   */
  networkIpv6: z.boolean({ message: 'Use true or false' }).default(false),
});
export type CreateProjectInput = z.input<typeof createProjectSchema>;
export const createProjectMultilineSchema = createProjectSchema.extend({ env: z.array(envMultilineEntrySchema).max(200).default([]) });

/** `MY_KEY=value` lines (a .env paste); blank lines and # comments are skipped. */
export function parseDotEnv(text: string): { key: string; value: string }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const i = l.indexOf('=');
      return i < 0 ? { key: l, value: '' } : { key: l.slice(0, i).trim(), value: l.slice(i + 1).trim() };
    });
}
