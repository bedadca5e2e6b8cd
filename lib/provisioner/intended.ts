/**
 * Containers Berth itself is stopping or removing (a replacement, a scale-down, a stop, the
 * periodic reconcile's repairs): the `die` that follows is not a crash and is not counted as a
 * restart. One entry per stop, used up by the first `die` seen for that name, or forgotten after
 * a minute (a stop of a container that was not running produces no `die`).
 */
const intended = new Map<string, number>();
const TTL_MS = 60_000;

export function markIntendedStop(name: string, now = Date.now()): void {
  intended.set(name.replace(/^\//, ''), now + TTL_MS);
}

/** True (once) when the container's death was Berth's own doing. */
export function takeIntendedStop(name: string, now = Date.now()): boolean {
  const key = name.replace(/^\//, '');
  const until = intended.get(key);
  if (until === undefined) return false;
  intended.delete(key);
  return until >= now;
}
