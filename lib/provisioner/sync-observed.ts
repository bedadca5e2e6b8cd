import { and, eq, notInArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { containers } from '@/lib/db/schema';
import { L } from './labels';
import { shownHealth } from './ready';
import type { Engine } from './engine';

/** Containers' status as the UI shows it: running | restarting | exited | created | … */
export function displayStatus(state: string, health?: string): string {
  if (state === 'running' && health === 'starting') return 'starting';
  if (state === 'running' && health === 'unhealthy') return 'unhealthy';
  return state;
}

/**
 * Copies what Docker holds for a project into the observed `containers` table (for the UI only;
 * Docker stays the source of truth). Returns the rows' count.
 */
export async function syncObserved(db: Db, engine: Engine, projectId: string): Promise<number> {
  const list = await engine.listContainers({ [L.managed]: 'true', [L.project]: projectId });
  const names: string[] = [];
  for (const c of list) {
    const d = await engine.inspectContainer(c.id);
    if (!d) continue;
    names.push(d.name);
    const serviceId = d.labels[L.service] ?? null;
    const health = shownHealth(d);
    const values = {
      projectId,
      serviceId,
      name: d.name,
      role: d.labels[L.role] ?? 'main',
      ordinal: Number(/-(\d+)$/.exec(d.labels[L.container] ?? '')?.[1] ?? 0),
      dockerId: d.id,
      status: displayStatus(d.state, health),
      health: health ?? null,
      startedAt: d.startedAt && !d.startedAt.startsWith('0001') ? new Date(d.startedAt) : null,
      updatedAt: new Date(),
    };
    await db
      .insert(containers)
      .values({ ...values, restartCount: d.restartCount })
      .onConflictDoUpdate({ target: containers.name, set: values });
  }
  const gone = names.length
    ? and(eq(containers.projectId, projectId), notInArray(containers.name, names))
    : eq(containers.projectId, projectId);
  await db.delete(containers).where(gone);
  return names.length;
}
