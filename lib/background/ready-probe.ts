import http from 'node:http';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { containers, services } from '@/lib/db/schema';
import { L, networkName } from '@/lib/provisioner/labels';
import { markProbedReady } from '@/lib/provisioner/ready';
import type { Engine } from '@/lib/provisioner/engine';

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

/**
 * Right after a service container starts, Berth asks its HTTP port itself every `intervalMs` for
 * the first seconds instead of waiting for Docker's health interval; the first good answer marks
 * the container healthy for the dashboard (Docker's own check confirms it later). Services
 * without an HTTP port wait for Docker's check. Returns whether it saw the container ready.
 */
export async function probeReady(db: Db, engine: Engine, container: string, opts: { intervalMs?: number; forMs?: number } = {}): Promise<boolean> {
  const d = await engine.inspectContainer(container);
  const serviceId = d?.labels[L.service];
  const projectId = d?.labels[L.project];
  if (!d || d.state !== 'running' || !serviceId || !projectId) return false;
  const [service] = await db.select({ ports: services.ports }).from(services).where(eq(services.id, serviceId));
  const port = service?.ports.find((p) => p.httpSupport && p.protocol === 'tcp')?.port;
  const ip = d.ips[networkName(projectId)];
  if (!port || !ip) return false;
  const interval = opts.intervalMs ?? 25;
  const until = Date.now() + (opts.forMs ?? 10_000);
  while (Date.now() < until) {
    if (await answers(ip, port, 200)) {
      markProbedReady(d.id, d.startedAt);
      const startedAt = d.startedAt && !d.startedAt.startsWith('0001') ? new Date(d.startedAt) : null;
      await db
        .update(containers)
        .set({ status: 'running', health: 'healthy', dockerId: d.id, startedAt, updatedAt: new Date() })
        .where(and(eq(containers.name, d.name), eq(containers.projectId, projectId)));
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  return false;
}
