import { z } from 'zod';

const setupName = z.string().trim().min(1).max(100).optional();

export const deployGitSchema = z.object({
  gitUrl: z.string().trim().min(1, 'is required').max(2000),
  gitRef: z.string().trim().max(200).optional(),
  setup: setupName,
  /** Credentials for a private repository, stored encrypted for this service. */
  token: z.string().min(1).max(1000).optional(),
  sshKey: z.string().min(1).max(20000).optional(),
  /** Remember the repository and branch for the webhook (default: true). */
  track: z.boolean().default(true),
});
export type DeployGitInput = z.input<typeof deployGitSchema>;

export const deployArchiveOptionsSchema = z.object({ setup: setupName });
