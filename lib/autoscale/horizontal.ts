import { eq } from 'drizzle-orm';
import { syncCore } from '@/lib/core/balancer-sync';
import type { Db } from '@/lib/db/client';
import { projects, scalingEvents, services, type Service } from '@/lib/db/schema';
import { reconcileProject, withProjectLock } from '@/lib/provisioner';
import { retryUntil, systemClock } from '@/lib/provisioner/clock';
import { L, networkName } from '@/lib/provisioner/labels';
import { buildWantedProject } from '@/lib/provisioner/wanted';
import type { Engine } from '@/lib/provisioner/engine';
import { answers } from '@/lib/background/ready-probe';
import { holdRouting, releaseRouting } from './routing-hold';

/** Time in-flight requests on a removed container get after the core stopped sending it new ones. */
export const DRAIN_MS = 1_500;
const READY_TIMEOUT_MS = 120_000;

const ordinal = (c: { labels: Record<string, string> }) => Number(/-(\d+)$/.exec(c.labels[L.container] ?? '')?.[1] ?? 0);

async function serviceContainers(engine: Engine, service: Service) {
  return engine.listContainers({ [L.managed]: 'true', [L.project]: service.projectId, [L.service]: service.id });
}

async function resync(db: Db, engine: Engine, projectId: string) {
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (project) await syncCore({ db, engine, project });
}

/**
 * Ready: running, and healthy by Docker's check or (sooner than its interval) answering on the
 * service's HTTP port from here, as the dashboard's ready probe asks.
 */
async function ready(engine: Engine, service: Service, id: string): Promise<boolean> {
  const d = await engine.inspectContainer(id);
  if (d?.state !== 'running') return false;
  if (d.health === undefined || d.health === 'healthy') return true;
  const port = service.ports.find((p) => p.httpSupport && p.protocol === 'tcp')?.port;
  const ip = d.ips[networkName(service.projectId)];
  return Boolean(port && ip && (await answers(ip, port, 500)));
}

/**
 * Adds or removes one container of a runtime, as the deploy rollout does: a new container joins
 * the core's upstreams only once it is ready; a removed one first leaves them, gets DRAIN_MS for
 * its in-flight requests, then goes.
 */
export async function scaleHorizontally(db: Db, engine: Engine, service: Service, step: 1 | -1, reason: string): Promise<void> {
  const from = service.containerCount;
  const to = from + step;
  if (step > 0) {
    const before = new Set((await serviceContainers(engine, service)).map((c) => c.name));
    let added: string[] = [];
    await reconcileProject(db, engine, service.projectId, {
      onLocked: async () => {
        await db.update(services).set({ containerCount: to, updatedAt: new Date() }).where(eq(services.id, service.id));
        // Held before the reconcile: the core sync at its end must not route to the new container yet.
        const wanted = await buildWantedProject(db, engine, service.projectId);
        added = wanted.containers.filter((c) => c.spec.labels[L.service] === service.id && !before.has(c.spec.name)).map((c) => c.spec.name);
        for (const n of added) holdRouting(n, 'joining');
      },
    });
    try {
      for (const name of added) {
        await retryUntil(() => ready(engine, service, name), (ok) => ok, () => new Error(`${name} never became ready`), {
          timeoutMs: READY_TIMEOUT_MS,
          intervalMs: 200,
          maxIntervalMs: 1_000,
          clock: systemClock,
        });
      }
    } finally {
      for (const n of added) releaseRouting(n);
      await withProjectLock(service.projectId, () => resync(db, engine, service.projectId));
    }
  } else {
    const list = await serviceContainers(engine, service);
    const leaving = list.filter((c) => ordinal(c) >= to).map((c) => c.name);
    for (const n of leaving) holdRouting(n, 'draining');
    try {
      await withProjectLock(service.projectId, () => resync(db, engine, service.projectId));
      await systemClock.sleep(DRAIN_MS);
      await reconcileProject(db, engine, service.projectId, {
        onLocked: async () => void (await db.update(services).set({ containerCount: to, updatedAt: new Date() }).where(eq(services.id, service.id))),
      });
    } finally {
      for (const n of leaving) releaseRouting(n);
    }
  }
  await db.insert(scalingEvents).values({
    projectId: service.projectId,
    serviceId: service.id,
    resource: 'containers',
    direction: step > 0 ? 'up' : 'down',
    fromValue: from,
    toValue: to,
    containerCount: to,
    reason,
  });
}
