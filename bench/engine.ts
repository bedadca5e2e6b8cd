import { registerProjectCore } from '@/lib/core';
import { openDb } from '@/lib/db/client';
import { startWorker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { createTestUser } from '@/lib/testing/engine';

/** What every benchmark starts from: an in-memory database, the real engine, a worker and a user. */
export async function startBenchEngine(opts: { core?: boolean } = {}) {
  const handle = openDb({ pgliteDir: 'memory://' });
  await handle.migrate();
  const db = handle.db;
  const engine = dockerEngine();
  if (opts.core) registerProjectCore();
  const worker = startWorker({ db, engine, pollMs: 100 });
  const user = await createTestUser(db);
  return {
    db,
    engine,
    user,
    async stop() {
      await worker.stop();
      await handle.close();
    },
  };
}
