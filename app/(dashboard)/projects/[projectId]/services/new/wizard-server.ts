import 'server-only';
import type { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { listTakenNames } from '@/lib/db/queries/wizard-names';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { wizardSubmitSchema } from './wizard-state';

type Submit = z.infer<typeof wizardSubmitSchema>;

/** Public ports already open on the project address (or the balancer's own) are refused before anything is created. */
export async function refuseTakenPorts(db: Db, projectId: string, ports: Submit['publicPorts']): Promise<void> {
  const taken = await listTakenNames(db, projectId);
  const fieldErrors: Record<string, string[]> = {};
  ports.forEach((p, i) => {
    if ([env.BERTH_CORE_HTTP_PORT, env.BERTH_CORE_HTTPS_PORT].includes(p.publicPort)) fieldErrors[`publicPorts.${i}.publicPort`] = [`${p.publicPort} is the project balancer's own port`];
    else if (taken.publicPorts.some((t) => t.port === p.publicPort && t.protocol === p.protocol)) fieldErrors[`publicPorts.${i}.publicPort`] = [`${p.protocol}/${p.publicPort} is already open on this project's address`];
  });
  if (Object.keys(fieldErrors).length) throw new AppError('VALIDATION', 'A public port is taken', fieldErrors);
}
