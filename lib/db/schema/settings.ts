import { z } from 'zod';

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

export const serviceSettingsSchema = z.object({
  /** Firewall of the service's HTTP routes (subdomain and custom domains). */
  httpFirewall: firewallSchema.optional(),
});
export type ServiceSettings = z.infer<typeof serviceSettingsSchema>;

export const projectSettingsSchema = z.object({
  /** Where a LIGHT → SERIOUS upgrade stands while it runs (null or absent when none runs). */
  coreUpgrade: z.enum(['starting', 'logger']).nullable().optional(),
  /**
   * Syslog endpoint the project's log lines are forwarded to (UDP, RFC 5424); null: off. `address` is
   * what `host` resolved to when the target was set and checked (lines go there, no lookup per line).
   */
  logForward: z.object({ host: z.string(), port: z.number().int(), allowLocal: z.boolean().optional(), address: z.string().optional() }).nullable().optional(),
});
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;
