import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { processes, users, type ProcessRow } from '@/lib/db/schema';
import { L } from '@/lib/provisioner/labels';
import type { ContainerDetails, Engine } from '@/lib/provisioner/engine';
import { probedReady } from '@/lib/provisioner/ready';
import { waitFor } from './wait';

/**
 * Running and healthy as Berth shows it: Docker says healthy (or the container has no check), or
 * Berth's own run of the check passed since this start (Docker's first check comes one interval later).
 */
export const healthyAsShown = (d: ContainerDetails | undefined): boolean =>
  !!d && d.state === 'running' && (d.health === undefined || d.health === 'healthy' || (d.health === 'starting' && probedReady(d.id, d.startedAt)));

let n = 0;
export async function createTestUser(db: Db, role: 'admin' | 'user' = 'user') {
  const [u] = await db
    .insert(users)
    .values({ email: `u${Date.now()}-${n++}@berth.test`, name: 'Test User', passwordHash: 'x', role })
    .returning();
  return u!;
}

export async function waitProcess(db: Db, id: string, timeoutMs = 180_000): Promise<ProcessRow> {
  return waitFor(
    `process ${id} to end`,
    async () => {
      const [p] = await db.select().from(processes).where(eq(processes.id, id));
      return p && ['FINISHED', 'FAILED', 'CANCELED'].includes(p.status) ? p : undefined;
    },
    timeoutMs,
  );
}

/** Every Docker object labelled with the project: what a label audit sees. */
export async function labelAudit(engine: Engine, projectId: string) {
  const labels = { [L.managed]: 'true', [L.project]: projectId };
  const [containers, networks, volumes] = await Promise.all([
    engine.listContainers(labels),
    engine.listNetworks(labels),
    engine.listVolumes(labels),
  ]);
  return { containers: containers.map((c) => c.name).sort(), networks: networks.map((x) => x.name), volumes: volumes.map((v) => v.name).sort() };
}
