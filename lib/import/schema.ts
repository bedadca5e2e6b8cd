import { z } from 'zod';
import { ENV_KEY } from '@/lib/validations/projects';
import { hostnameSchema } from '@/lib/validations/services';
import { isIpv4, isIpv6 } from '@/lib/validations/core';

/** Env values may be written as numbers or booleans; they are stored as text. */
const envValue = z.union([z.string(), z.number(), z.boolean()], { message: 'must be text, a number or a boolean' }).transform(String);
const envMap = z.record(z.string().regex(ENV_KEY, 'a variable name uses letters, digits and _ only, not starting with a digit').max(128), envValue);

export const importProjectSchema = z.strictObject({
  name: z.string({ message: 'is required (text)' }).trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters'),
  description: z.string().max(255, 'must be at most 255 characters').optional(),
  corePackage: z.enum(['LIGHT', 'SERIOUS'], { message: 'must be LIGHT or SERIOUS' }).optional(),
  tags: z.array(z.string().min(1).max(64, 'a tag has at most 64 characters')).max(32).optional(),
  envVariables: envMap.optional(),
  envIsolation: z.enum(['none', 'service'], { message: 'must be none or service' }).optional(),
  sshIsolation: z.string().optional(),
  sharedIpv4: z.boolean().optional(),
  /**
   * Whether the project gets an IPv4 address: true/false, or the address an export wrote (the
   * new project gets its own from this installation's pool either way).
   */
  publicIpV4: z
    .union([z.boolean(), z.string().refine(isIpv4, { message: 'must be true, false or an IPv4 address' })], { message: 'must be true, false or an IPv4 address' })
    .optional(),
  /** The address an export wrote; every project gets its own IPv6 address, so it is informational. */
  publicIpV6: z.string({ message: 'must be an IPv6 address' }).refine(isIpv6, { message: 'must be an IPv6 address' }).optional(),
  location: z.string().optional(),
  /**
   * Berth's own key (Zerops files have no such key and stay valid without it): IPv6 on the
   * project's private network beside IPv4. Off by default.
   */
  networkIpv6: z.boolean({ message: 'must be true or false' }).optional(),
});

const count = (what: string) => z.number().int(`${what} must be a whole number`).min(1, `${what} is 1 to 10`).max(10, `${what} is 1 to 10`);
const positive = z.number().positive('must be a positive number');

export const verticalAutoscalingSchema = z.strictObject({
  cpuMode: z.enum(['SHARED', 'DEDICATED'], { message: 'must be SHARED or DEDICATED' }).optional(),
  minCpu: positive.optional(),
  maxCpu: positive.optional(),
  startCpuCoreCount: positive.optional(),
  minRam: positive.optional(),
  maxRam: positive.optional(),
  minFreeRamGB: z.number().min(0).optional(),
  minFreeRamPercent: z.number().min(0).max(100).optional(),
  minDisk: positive.optional(),
  maxDisk: positive.optional(),
});

export const importPortSchema = z.strictObject({
  port: z.number().int().min(10, 'ports go from 10 to 65435').max(65435, 'ports go from 10 to 65435'),
  protocol: z.enum(['TCP', 'UDP', 'tcp', 'udp'], { message: 'must be TCP or UDP' }).optional(),
  httpSupport: z.boolean().optional(),
});

export const importServiceSchema = z.strictObject({
  hostname: hostnameSchema,
  type: z.string({ message: 'is required, e.g. nodejs@18' }).trim().min(1, 'must not be empty'),
  mode: z.enum(['HA', 'NON_HA'], { message: 'must be HA or NON_HA' }).optional(),
  priority: z.number().int('must be a whole number').optional(),
  envSecrets: envMap.optional(),
  dotEnvSecrets: z.string().optional(),
  enableSubdomainAccess: z.boolean().optional(),
  buildFromGit: z.string().url('must be a repository URL').optional(),
  zeropsSetup: z.string().min(1).optional(),
  zeropsYaml: z.union([z.string(), z.record(z.string(), z.unknown())], { message: 'must be a zerops.yml document (text or a map)' }).optional(),
  startWithoutCode: z.boolean().optional(),
  minContainers: count('minContainers').optional(),
  maxContainers: count('maxContainers').optional(),
  verticalAutoscaling: verticalAutoscalingSchema.optional(),
  mount: z.array(z.string()).optional(),
  ports: z.array(importPortSchema).optional(),
  nginxConfig: z.string().optional(),
  objectStorageSize: z.number().int().min(1, 'is 1 to 100 (GB)').max(100, 'is 1 to 100 (GB)').optional(),
  objectStoragePolicy: z
    .enum(['private', 'public-read', 'public-objects-read', 'public-write', 'public-read-write', 'custom'], {
      message: 'must be private, public-read, public-objects-read, public-write, public-read-write or custom',
    })
    .optional(),
  objectStorageRawPolicy: z.string().optional(),
  override: z.boolean().optional(),
  os: z.enum(['alpine', 'ubuntu'], { message: 'must be alpine or ubuntu' }).optional(),
  envIsolation: z.enum(['none', 'service'], { message: 'must be none or service' }).optional(),
  sshIsolation: z.string().optional(),
  enableCdn: z.boolean().optional(),
});

export const importFileSchema = z.strictObject({
  project: importProjectSchema.optional(),
  services: z.array(importServiceSchema).max(100, 'at most 100 services per file').optional(),
});

export type ImportFile = z.output<typeof importFileSchema>;
export type ImportService = z.output<typeof importServiceSchema>;
export type ImportProject = z.output<typeof importProjectSchema>;

/** Documented keys Berth does not honour yet: importing them needs the caller's consent to drop them. */
export const UNSUPPORTED_PROJECT_KEYS = ['envIsolation', 'sshIsolation', 'sharedIpv4', 'location'] as const;
export const UNSUPPORTED_SERVICE_KEYS = [
  'nginxConfig',
  'os',
  'envIsolation',
  'sshIsolation',
  'enableCdn',
] as const;
