import 'server-only';
import type { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { listTakenNames } from '@/lib/db/queries/dashboard-wizard';
import { addPublicPort, setRouteFirewall } from '@/lib/services/public-ports';
import { env } from '@/lib/env';
import { AppError, isAppError } from '@/lib/errors';
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

/** Opens the wizard's public ports and sets the HTTP firewall; returns what failed (the service exists by now). */
export async function openPublicAccess(db: Db, userId: string, projectId: string, serviceId: string, body: Submit): Promise<string | undefined> {
  try {
    for (const p of body.publicPorts) await addPublicPort(db, userId, projectId, { ...p, serviceId });
    if (body.routeFirewall) await setRouteFirewall(db, userId, projectId, serviceId, body.routeFirewall);
    return undefined;
  } catch (err) {
    if (isAppError(err)) return `its public access was not set: ${err.message}. Set it under Public access below.`;
    throw err;
  }
}
