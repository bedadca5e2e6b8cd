import { z } from 'zod';

/**
 * The zerops.yml schema. Every object is strict: an unknown key is an error. Keys that the format
 * documents but Berth does not implement are listed in `unsupported.ts` and refused before this
 * schema runs, so their message says "not supported yet" instead of "unknown key".
 */

const command = z.string().trim().min(1, 'must be a non-empty command');
const commands = z.array(command);
/** `base: nodejs@22` or `base: [nodejs@22, python@3.12]`. */
const base = z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]);
const os = z.enum(['alpine', 'ubuntu', 'debian']);
const stringOrList = z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]);
const envValue = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
const envVariables = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a variable name ([A-Za-z_][A-Za-z0-9_]*)'),
  envValue,
);

const port = z.number().int('must be a whole number').min(10, 'must be at least 10').max(65435, 'must be at most 65435');

export const httpGetSchema = z.strictObject({
  port,
  path: z.string().startsWith('/', 'must start with /').default('/'),
  host: z.string().min(1).optional(),
  scheme: z.enum(['http', 'https']).default('http'),
});

const checkKinds = {
  httpGet: httpGetSchema.optional(),
  exec: z.strictObject({ command }).optional(),
};
const oneKind = (c: { httpGet?: unknown; exec?: unknown }) => (c.httpGet ? 1 : 0) + (c.exec ? 1 : 0) === 1;

export const checkSchema = z.strictObject(checkKinds).refine(oneKind, 'needs exactly one of httpGet or exec');

/** The readiness check may say how long new containers get to pass it (seconds). */
export const readinessSchema = z
  .strictObject({ ...checkKinds, failureTimeout: z.number().int().min(1, 'must be at least 1 (seconds)').max(3600, 'must be at most 3600 (seconds)').optional() })
  .refine(oneKind, 'needs exactly one of httpGet or exec');

export const buildSchema = z.strictObject({
  base: base.optional(),
  os: os.optional(),
  prepareCommands: commands.optional(),
  buildCommands: commands.optional(),
  deployFiles: stringOrList.optional(),
  cache: z.union([z.boolean(), stringOrList]).optional(),
  addToRunPrepare: stringOrList.optional(),
  envVariables: envVariables.optional(),
});

export const deploySchema = z.strictObject({
  temporaryShutdown: z.boolean().optional(),
  readinessCheck: readinessSchema.optional(),
});

export const portSchema = z
  .strictObject({
    port,
    protocol: z
      .string()
      .transform((p) => p.toUpperCase())
      .pipe(z.enum(['TCP', 'UDP'], 'must be TCP or UDP'))
      .default('TCP'),
    httpSupport: z.boolean().default(false),
  })
  .refine((p) => !(p.httpSupport && p.protocol === 'UDP'), 'httpSupport needs protocol TCP');

export const startCommandSchema = z.strictObject({
  name: z.string().trim().min(1).optional(),
  command,
  workingDir: z.string().trim().min(1).optional(),
  initCommands: commands.optional(),
});

export const crontabSchema = z.strictObject({
  timing: z
    .string()
    .trim()
    .regex(/^(\S+\s+){4}\S+$/, 'must be a cron expression with 5 fields')
    .regex(/^[\d*,/\s-]+$/, 'must use numbers, *, ranges (a-b), lists (a,b) and steps (/n) only'),
  command,
  allContainers: z.boolean().default(false),
  workingDir: z.string().trim().min(1).optional(),
});

const oneLine = (s: string) => !/[\r\n\0]/.test(s);
const delimiter = z.string().min(1).max(20).refine(oneLine, 'must be one line');
const target = z
  .string()
  .trim()
  .min(1)
  .refine(oneLine, 'must be one line')
  .refine((p) => !p.split('/').includes('..'), 'must stay inside the app (no ..)');

/** Placeholders `<delimiter>NAME<delimiter>` in the target files (a folder: the files directly in it) become the variable's value. */
export const envReplaceSchema = z.strictObject({
  delimiter: z.union([delimiter, z.array(delimiter).min(1)]),
  target: z.union([target, z.array(target).min(1)]),
});

export const runSchema = z
  .strictObject({
    base: base.optional(),
    os: os.optional(),
    prepareCommands: commands.optional(),
    initCommands: commands.optional(),
    start: command.optional(),
    startCommands: z.array(startCommandSchema).min(1).optional(),
    ports: z.array(portSchema).optional(),
    envVariables: envVariables.optional(),
    envReplace: envReplaceSchema.optional(),
    healthCheck: checkSchema.optional(),
    documentRoot: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._/-]*$/, 'must be a relative path of letters, digits, . _ - /')
      .refine((p) => !p.split('/').includes('..'), 'must stay inside the app (no ..)')
      .optional(),
    crontab: z.array(crontabSchema).optional(),
  })
  .refine((r) => !(r.start && r.startCommands), 'use start or startCommands, not both');

export const setupSchema = z.strictObject({
  setup: z.string().trim().min(1, 'must name the setup'),
  extends: stringOrList.optional(),
  build: buildSchema.optional(),
  deploy: deploySchema.optional(),
  run: runSchema.optional(),
});

export const zeropsYmlSchema = z.strictObject({
  zerops: z.array(setupSchema).min(1, 'must list at least one setup'),
});

export type ZeropsYml = z.infer<typeof zeropsYmlSchema>;
export type ZeropsSetup = z.infer<typeof setupSchema>;
export type ZeropsBuild = z.infer<typeof buildSchema>;
export type ZeropsRun = z.infer<typeof runSchema>;
export type ZeropsCheck = z.infer<typeof checkSchema>;
export type ZeropsReadiness = z.infer<typeof readinessSchema>;
export type ZeropsPort = z.infer<typeof portSchema>;
