/**
 * Containers the core must not route to yet (joining: not ready) or any more (draining), by
 * container name. The autoscaler holds them while it adds or removes a container; the core's
 * upstream list leaves them out. In-process state: the scaler and the core sync run in the worker.
 */
const held = new Map<string, 'joining' | 'draining'>();

export function holdRouting(name: string, why: 'joining' | 'draining'): void {
  held.set(name, why);
}

export function releaseRouting(name: string): void {
  held.delete(name);
}

export const routingHeld = (name: string): boolean => held.has(name);
