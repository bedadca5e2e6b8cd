import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { processes, users, type ProcessRow } from '@/lib/db/schema';
import { L } from '@/lib/provisioner/labels';
import type { Engine } from '@/lib/provisioner/engine';
import { waitFor } from './wait';

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
