import { describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import type { Engine } from '@/lib/provisioner/engine';
import { memoryEngine } from '@/lib/provisioner/testing/memory-engine';
import { waitFor } from '@/lib/testing/wait';
import { startEdgeWatcher } from './edge-watch';

describe('edge watcher', () => {
  it('starts with Docker down, subscribes once it answers, and again (for ever) whenever the stream ends', async () => {
    let calls = 0;
    let end: ((err: Error) => void) | undefined;
    const engine: Engine = {
      ...memoryEngine().engine,
      async watchEvents(_onEvent, onError) {
        calls++;
        if (calls <= 3) throw new Error('connect ENOENT /var/run/docker.sock');
        end = onError;
        return () => {};
      },
    };
    // The database is never touched while nothing happens to the edge.
    const watcher = await startEdgeWatcher({} as Db, engine, { retryMs: 5 });
    try {
      await waitFor('a subscription after three refusals', async () => calls === 4 && end !== undefined, 5_000, 5);
      for (let round = 0; round < 3; round++) {
        const before = calls;
        end!(new Error('event stream closed'));
        await waitFor('a new subscription', async () => calls === before + 1, 5_000, 5);
      }
      expect(calls).toBe(7); // three refusals, the first subscription, three re-subscriptions
    } finally {
      watcher.stop();
    }
  });
});
