import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { processes, users, type ProcessRow } from '@/lib/db/schema';
import { L } from '@/lib/provisioner/labels';
import type { ContainerDetails, Engine } from '@/lib/provisioner/engine';
import { shownHealth } from '@/lib/provisioner/ready';
import { waitFor } from './wait';

/** Running and healthy as Berth shows it (or running without a health check). */
export const healthyAsShown = (d: ContainerDetails | undefined): boolean => !!d && d.state === 'running' && [undefined, 'healthy'].includes(shownHealth(d));

/** Whether a process status is a final one. */
export const processEnded = (status: string) => ['FINISHED', 'FAILED', 'CANCELED'].includes(status);

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
      return p && processEnded(p.status) ? p : undefined;
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
