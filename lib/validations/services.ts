import { autoscalingSchema } from '@/lib/db/schema/autoscaling';
import { z } from 'zod';
import { OBJECT_STORAGE_POLICIES } from '@/lib/catalog/bucket-policy';
import { envEntrySchema, envMultilineEntrySchema } from './projects';

/** Names the project core and Berth itself use inside a project network. */
export const RESERVED_HOSTNAMES = ['core', 'balancer', 'logger', 'stats', 'edge', 'berth', 'gateway', 'localhost', 'host'];

export const hostnameSchema = z
  .string()
  .min(1, 'Enter a hostname')
  .max(25, 'Use at most 25 characters')
  .regex(/^[a-z0-9]+$/, 'Use lowercase letters a-z and digits 0-9 only (no dashes, no uppercase)')
  .refine((h) => !RESERVED_HOSTNAMES.includes(h), { message: 'This hostname is reserved' });

export const portSchema = z.coerce
  .number({ message: 'Enter a port number' })
  .int('Enter a whole number')
  .min(10, 'Ports go from 10 to 65435')
  .max(65435, 'Ports go from 10 to 65435');

export const addServiceSchema = z.object({
  hostname: hostnameSchema,
  /** `postgresql@15`, or type and version separately. */
  type: z.string().trim().min(1, 'Choose a service type'),
  version: z.string().trim().optional(),
  mode: z.enum(['HA', 'NON_HA'], { message: 'Choose HA or NON_HA' }).default('NON_HA'),
  containerCount: z.coerce.number().int('Enter a whole number').min(1, 'Use 1 to 10 containers').max(10, 'Use 1 to 10 containers').default(1),
  resources: z
    .object({
      cpu: z.coerce.number().min(0.1, 'At least 0.1 CPU').max(16, 'At most 16 CPUs'),
      memoryMb: z.coerce.number().int().min(64, 'At least 64 MB').max(65536, 'At most 64 GB'),
    })
    .optional(),
  env: z.array(envEntrySchema).max(200).default([]),
  subdomainAccess: z.boolean().default(false),
  /** Runtimes only: the HTTP port the app listens on (10–65435). */
  port: portSchema.optional(),
  /** Scaling ranges (Zerops' verticalAutoscaling keys plus minContainers/maxContainers). */
  autoscaling: autoscalingSchema.optional(),
  /** Object storage only: quota, bucket policy (Zerops' names) and, for `custom`, the policy document. */
  objectStorage: z
    .object({
      sizeGb: z.coerce.number().int('Enter a whole number').min(1, 'Use 1 to 100 GB').max(100, 'Use 1 to 100 GB').optional(),
      policy: z.enum(OBJECT_STORAGE_POLICIES, { message: `Choose ${OBJECT_STORAGE_POLICIES.join(', ')}` }).optional(),
      rawPolicy: z.string().max(20_000, 'At most 20,000 characters').optional(),
    })
    .optional(),
});
export type AddServiceInput = z.input<typeof addServiceSchema>;

/** A change of an object storage's quota or access: at least one of them. */
export const objectStorageChangeSchema = z.object({
  objectStorage: addServiceSchema.shape.objectStorage
    .unwrap()
    .refine((o) => o.sizeGb !== undefined || o.policy !== undefined || o.rawPolicy !== undefined, { message: 'Give sizeGb, policy or rawPolicy' }),
});
export const addServiceMultilineSchema = addServiceSchema.extend({ env: z.array(envMultilineEntrySchema).max(200).default([]) });

export const scaleSchema = z.object({
  containerCount: z.coerce.number().int('Enter a whole number').min(1, 'Use 1 to 10 containers').max(10, 'Use 1 to 10 containers'),
});
