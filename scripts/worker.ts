/** `npm run worker`: the process worker and self-healer without the web server (postgres.js only:
 * PGlite allows one process, so with the embedded database the worker runs inside `npm start`). */
import { dbHandle, dbReady } from '@/lib/db';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { startBackground } from '@/lib/background';

await dbReady();
if (dbHandle().driver === 'pglite') {
  console.error('The embedded database (PGlite) serves one process: run the worker inside `npm start`, or set DATABASE_URL.');
  process.exit(1);
}
const bg = await startBackground(dbHandle().db, dockerEngine());
console.log('worker started; Ctrl-C to stop');
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => void bg.stop().then(() => process.exit(0)));
}
