import { z } from 'zod';

/** The body of both import calls. The file's own size limit (100 kB) is checked with its line. */
export const importRequestSchema = z.object({
  yaml: z.string({ message: 'Send the import file as text in "yaml"' }).min(1, 'The import file is empty').max(1024 * 1024, 'The import file is over 1 MB'),
  dryRun: z.boolean().default(false),
  acceptVersions: z.boolean().default(false),
  acceptDroppedKeys: z.boolean().default(false),
});
export type ImportRequestInput = z.input<typeof importRequestSchema>;
