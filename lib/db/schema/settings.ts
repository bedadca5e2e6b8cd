import { z } from 'zod';
import { OBJECT_STORAGE_POLICIES } from '../../catalog/bucket-policy';

/**
 * The shapes of the `settings` jsonb columns. Rows read through Drizzle carry these types; code
 * that reads a row from elsewhere (raw SQL, an old row) parses it with the schema.
 */

/** Allow- or deny-list of client addresses (IP or CIDR) in front of an HTTP route or a port. */
export const firewallSchema = z.object({
  policy: z.enum(['none', 'allow', 'deny']),
  ranges: z.array(z.string()),
});
export type FirewallSetting = z.infer<typeof firewallSchema>;

/** Import-file keys a service keeps (Zerops' names), so an export writes them back as they were. */
export const importedServiceKeysSchema = z.object({
  priority: z.number().int().optional(),
  mount: z.array(z.string()).optional(),
  startWithoutCode: z.boolean().optional(),
  deploy: z
    .object({
      buildFromGit: z.string().optional(),
      zeropsSetup: z.string().optional(),
      zeropsYaml: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    })
    .optional(),
  /** Object storage: quota in GB, bucket policy and a custom policy document. */
  objectStorageSize: z.number().int().optional(),
  objectStoragePolicy: z.enum(OBJECT_STORAGE_POLICIES).optional(),
  objectStorageRawPolicy: z.string().optional(),
});
export type ImportedServiceKeys = z.infer<typeof importedServiceKeysSchema>;

export const serviceSettingsSchema = z.object({
  /** Firewall of the service's HTTP routes (subdomain and custom domains). */
  httpFirewall: firewallSchema.optional(),
  ...importedServiceKeysSchema.shape,
});
export type ServiceSettings = z.infer<typeof serviceSettingsSchema>;

export const projectSettingsSchema = z.object({
  /** The tags an import file gave the project (written back by an export). */
  tags: z.array(z.string()).optional(),
  /** Where a LIGHT → SERIOUS upgrade stands while it runs (null or absent when none runs). */
  coreUpgrade: z.enum(['starting', 'logger']).nullable().optional(),
  /**
   * Syslog endpoint the project's log lines are forwarded to (UDP, RFC 5424); null: off. `address` is
   * what `host` resolved to when the target was set and checked (lines go there, no lookup per line).
   */
  logForward: z.object({ host: z.string(), port: z.number().int(), allowLocal: z.boolean().optional(), address: z.string().optional() }).nullable().optional(),
});
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;
