import http from 'node:http';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { containers, services } from '@/lib/db/schema';
import { L, networkName } from '@/lib/provisioner/labels';
import { markProbedReady } from '@/lib/provisioner/ready';
import type { Engine } from '@/lib/provisioner/engine';
import { boostedNanoCpus, dropBoost } from '@/lib/provisioner/start-boost';
import { healthArgv, passes } from '@/lib/provisioner/wait';

/** One GET to the container's HTTP port; true on an answer below 400 (what the image's `curl -f` check accepts). */
export function answers(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host, port, path: '/', timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 400);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** How long a (re)started container may use every host CPU while Berth waits for its first answer. */
export const START_BOOST_MS = 3_000;

/**
 * Lifts the container's CPU limit to the whole host for its start; the returned function puts the
 * limit back, unless someone else (the autoscaler) changed it meanwhile. A start under a small
 * limit (a runtime's 0.5 CPU) takes several times longer, and the start is what healing waits for.
 */
async function boostStart(engine: Engine, id: string, limits: { nanoCpus: number; memoryBytes: number } | undefined): Promise<() => Promise<void>> {
  const boosted = boostedNanoCpus();
  if (!limits || limits.nanoCpus === 0 || limits.nanoCpus >= boosted) return async () => {};
  await engine.updateContainer(id, { nanoCpus: boosted, memoryBytes: limits.memoryBytes });
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    // Also when it died meanwhile: its next start (Docker's restart policy) must not keep the boost.
    await dropBoost(engine, id, limits.nanoCpus);
  };
}

/**
 * Right after a service container starts, Berth checks it itself every `intervalMs` for the first
 * seconds instead of waiting for Docker's health interval: its HTTP port answering, or else its
 * health check's command run through exec. The first pass marks the container healthy for the
 * dashboard (Docker's own check confirms it later). Until then (at most START_BOOST_MS) the
 * container may use every host CPU. Returns whether it saw the container ready.
 */
export async function probeReady(db: Db, engine: Engine, container: string, opts: { intervalMs?: number; forMs?: number } = {}): Promise<boolean> {
  const d = await engine.inspectContainer(container);
  const serviceId = d?.labels[L.service];
  const projectId = d?.labels[L.project];
  if (!d || d.state !== 'running' || !serviceId || !projectId) return false;
  const [service] = await db.select({ ports: services.ports }).from(services).where(eq(services.id, serviceId));
  const port = service?.ports.find((p) => p.httpSupport && p.protocol === 'tcp')?.port;
  const ip = d.ips[networkName(projectId)];
  const argv = healthArgv(d.healthTest);
  const check = port && ip ? () => answers(ip, port, 200) : argv ? () => passes(engine, d.name, argv) : undefined;
  if (!check) return false;
  // An HTTP request is cheap; an exec starts a process in the container.
  const interval = opts.intervalMs ?? (port && ip ? 25 : 250);
  const started = Date.now();
  const until = started + (opts.forMs ?? 10_000);
  const unboost = await boostStart(engine, d.id, d.limits);
  try {
    while (Date.now() < until) {
      if (await check()) {
        // Back to its own limit before anyone reads it healthy (and, say, its limits).
        await unboost();
        markProbedReady(d.id, d.startedAt);
        const startedAt = d.startedAt && !d.startedAt.startsWith('0001') ? new Date(d.startedAt) : null;
        await db
          .update(containers)
          .set({ status: 'running', health: 'healthy', dockerId: d.id, startedAt, updatedAt: new Date() })
          .where(and(eq(containers.name, d.name), eq(containers.projectId, projectId)));
        return true;
      }
      if (Date.now() - started >= START_BOOST_MS) await unboost();
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
    return false;
  } finally {
    await unboost().catch(() => {});
  }
}
