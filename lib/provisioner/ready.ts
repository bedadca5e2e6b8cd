/**
 * Containers Berth saw ready by probing them itself (a started container's HTTP port answered),
 * before Docker's own health check ran its first interval. Keyed by container id and start time,
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
