import { dbHandle, dbReady } from '@/lib/db';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { pingEngine } from '@/lib/provisioner/docker/connection';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { startBackground } from '@/lib/background';

const log = logger('server');

/** Called from instrumentation.ts. Migrations first, so no request ever sees an old schema. */
export async function startServerSide(): Promise<void> {
  await dbReady();
  log.info('database ready', { driver: dbHandle().driver });
  if (!env.BERTH_WORKER) return;
  const ping = await pingEngine();
  if (!ping.ok) {
    log.warn('Docker Engine unreachable; processes wait until it answers', { address: ping.address, error: ping.error });
  }
  try {
    await startBackground(dbHandle().db, dockerEngine());
    log.info('worker and self-healer started');
  } catch (err) {
    log.error('could not start the worker', { error: err instanceof Error ? err.message : String(err) });
  }
}
