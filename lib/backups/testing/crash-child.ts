/**
 * A worker in its own OS process for the backup crash tests: it SIGKILLs itself at the first step
 * boundary named argv[4] of an argv[3] process (service.backup or service.restore): a real death,
 * with no clean-up. Usage: node --import tsx crash-child.ts <postgres-url> <action> <boundary>
 */
import { openDb } from '@/lib/db/client';
import { startWorker } from '@/lib/processes/worker';
import { dockerRuntime } from '@/lib/provisioner/docker/docker-runtime';

const [url, action, boundary] = process.argv.slice(2);
if (!url || !action || !boundary) throw new Error('usage: crash-child.ts <postgres-url> <action> <boundary>');
const handle = openDb({ url, pgliteDir: '' });
startWorker({
  db: handle.db,
  runtime: dockerRuntime(),
  pollMs: 100,
  staleMs: 60_000,
  hooks: {
    atBoundary: (p, _index, name) => {
      if (p.action === action && name === boundary) {
        process.stdout.write(`dying at ${name}\n`);
        process.kill(process.pid, 'SIGKILL');
      }
    },
  },
});
process.stdout.write('worker ready\n');
