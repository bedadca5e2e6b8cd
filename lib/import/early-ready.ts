import { L } from '@/lib/provisioner/labels';
import type { Engine } from '@/lib/provisioner/engine';
import { forHealthCheck } from '@/lib/provisioner/wait';

class Stopped extends Error {}

/**
 * Waits for each container of a service to pass its health check as soon as it exists, while the
 * rest of its group is still being created (the reconciler creates containers one after another).
 * Best effort: `stop()` ends it, errors are left to the authoritative wait after the reconcile.
 */
export function watchReady(engine: Engine, projectId: string, serviceId: string, deadline: number): { stop(): void; done: Promise<void> } {
  let stopped = false;
  const between = async () => {
    if (stopped) throw new Stopped();
    await new Promise((resolve) => setTimeout(resolve, 500));
  };
  const done = (async () => {
    const labels = { [L.managed]: 'true', [L.project]: projectId, [L.service]: serviceId };
    let list = await engine.listContainers(labels);
    while (!list.length && Date.now() < deadline) {
      await between();
      list = await engine.listContainers(labels);
    }
    const strategy = forHealthCheck();
    await Promise.all(list.map((c) => strategy.waitUntilReady(engine, c.name, { timeoutMs: Math.max(1_000, deadline - Date.now()), between })));
  })().catch(() => {});
  return { stop: () => void (stopped = true), done };
}
