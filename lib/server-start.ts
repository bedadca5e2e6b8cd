import { dbReady } from '@/lib/db';
import { logger } from '@/lib/log';

const log = logger('server');

/** Called from instrumentation.ts. Migrations first, so no request ever sees an old schema. */
export async function startServerSide(): Promise<void> {
  await dbReady();
  log.info('database ready');
}
