/**
 * Containers Berth saw ready by checking them itself (a started container's HTTP port answered, or
 * its health check's command passed through exec), before Docker's own check ran its first interval. Keyed by container id and start time,
 * so a restart forgets it.
 */
const ready = new Map<string, number>();
const key = (dockerId: string, startedAt: string | undefined) => `${dockerId}@${startedAt ?? ''}`;

export function markProbedReady(dockerId: string, startedAt: string | undefined): void {
  ready.set(key(dockerId, startedAt), Date.now());
  if (ready.size > 10_000) ready.delete(ready.keys().next().value!);
}

export function probedReady(dockerId: string, startedAt: string | undefined): boolean {
  return ready.has(key(dockerId, startedAt));
}

/**
 * A container's health as Berth shows it: Docker's, except that a container Berth's own run of the
 * check saw pass since this start is healthy (Docker's first check comes one interval later).
 */
export function shownHealth(d: { id: string; startedAt?: string; health?: string }): string | undefined {
  return d.health === 'starting' && probedReady(d.id, d.startedAt) ? 'healthy' : d.health;
}
