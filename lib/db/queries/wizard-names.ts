import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { envVariables, publicPorts, services } from '@/lib/db/schema';

/** Hostnames and public ports already taken in a project (the caller checked access). */
export async function listTakenNames(db: Db, projectId: string) {
  const [hostnames, ports] = await Promise.all([
    db.select({ hostname: services.hostname }).from(services).where(eq(services.projectId, projectId)),
    db.select({ port: publicPorts.publicPort, protocol: publicPorts.protocol }).from(publicPorts).where(eq(publicPorts.projectId, projectId)),
  ]);
  return { hostnames: hostnames.map((h) => h.hostname), publicPorts: ports };
}

/** `${hostname_KEY}` for every variable of the project's services (what a new service may reference). */
export async function listReferenceNames(db: Db, projectId: string): Promise<string[]> {
  const rows = await db
    .select({ hostname: services.hostname, key: envVariables.key })
    .from(envVariables)
    .innerJoin(services, eq(services.id, envVariables.serviceId))
    .where(eq(envVariables.projectId, projectId));
  return rows.map((r) => `\${${r.hostname}_${r.key}}`).sort();
}
