import type { Db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { registerProjectCore } from '@/lib/core';
import { startEdgeWatcher } from '@/lib/core/edge-watch';
import { startWorker, type Worker } from '@/lib/processes/worker';
import type { Engine } from '@/lib/provisioner/engine';
import { startLogCollector } from '@/lib/logs/collector';
import { startSampler } from '@/lib/stats/sampler';
import { learnHostCapacity } from '@/lib/provisioner/host-capacity';
import { startScaler } from '@/lib/autoscale/scaler';
import { startBackupScheduler } from '@/lib/backups/scheduler';
import { startSelfHealer, type SelfHealer } from './self-heal';

export interface Background {
  worker: Worker;
  healer: SelfHealer;
  stop(): Promise<void>;
}

/** The process worker plus the self-healer: started with the server, or alone by `npm run worker`. */
export async function startBackground(db: Db, engine: Engine, opts: { intervalMs?: number; sweepOrphans?: boolean } = {}): Promise<Background> {
  registerProjectCore();
  const worker = startWorker({ db, engine });
  const healer = await startSelfHealer(db, engine, {
    intervalMs: opts.intervalMs ?? env.BERTH_RECONCILE_INTERVAL_MS,
    sweepOrphans: opts.sweepOrphans ?? !env.BERTH_TEST_PID,
  });
  const sampler = startSampler(db, engine, env.BERTH_STATS_INTERVAL_MS);
  await learnHostCapacity(engine).catch(() => undefined);
  const scaler = startScaler(db, engine, { intervalMs: env.BERTH_AUTOSCALE_INTERVAL_MS });
  const collector = startLogCollector(db, engine);
  const edge = await startEdgeWatcher(db, engine);
  const schedules = startBackupScheduler(db);
  return {
    worker,
    healer,
    async stop() {
      edge.stop();
      schedules.stop();
      sampler.stop();
      scaler.stop();
      collector.stop();
      healer.stop();
      await worker.stop();
    },
  };
}
