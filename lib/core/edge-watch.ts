import type { Db } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { L } from '@/lib/provisioner/labels';
import type { Engine } from '@/lib/provisioner/engine';
import { edgeName, ensureEdge } from './edge';

const log = logger('edge');
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Every project's traffic passes the edge, so it is repaired at once when it dies or is removed
 * (Docker's restart policy does not restart a container someone killed or stopped), not at the
 * next periodic reconcile. Starts even when Docker is down, and subscribes again (with back-off,
 * for ever) whenever the engine's event stream ends.
 */
export async function startEdgeWatcher(db: Db, engine: Engine, opts: { debounceMs?: number; retryMs?: number } = {}): Promise<{ stop(): void }> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: () => void = () => {};
  // `docker rm -f` sends `die` while the container is still being removed: a repair that fails
  // then is tried again a few times (the `destroy` that follows also schedules one).
  const repair = (attempt = 0) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (stopped) return;
      ensureEdge(db, engine).catch((err) => {
        log.warn('edge repair failed', { attempt, error: errorText(err) });
        if (attempt < 5) repair(attempt + 1);
      });
    }, (opts.debounceMs ?? 100) * 2 ** attempt);
  };
  // Subscribes until it works, with back-off (doubling up to 30 s) and for ever: at boot with Docker
  // down, and every time the stream ends (dockerd restarted).
  const firstRetryMs = opts.retryMs ?? 500;
  let retryMs = firstRetryMs;
  let retryTimer: NodeJS.Timeout | undefined;
  const retry = () => {
    if (stopped) return;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void subscribe(), retryMs);
    retryMs = Math.min(retryMs * 2, 30_000);
  };
  const subscribe = async (): Promise<void> => {
    try {
      unsubscribe = await engine.watchEvents(
        (e) => {
          if (e.labels[L.kind] === 'edge' && e.labels.name === edgeName() && ['die', 'destroy'].includes(e.action)) repair();
        },
        (err) => {
          if (stopped) return;
          log.warn('edge watcher lost the event stream; subscribing again', { error: err.message });
          retry();
        },
      );
      retryMs = firstRetryMs;
      if (stopped) unsubscribe();
    } catch (err) {
      log.warn('edge watcher cannot watch Docker events; retrying', { error: errorText(err), inMs: retryMs });
      retry();
    }
  };
  await subscribe();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(retryTimer);
      unsubscribe();
    },
  };
}
