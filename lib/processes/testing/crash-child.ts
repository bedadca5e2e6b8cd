/**
 * A worker in its own OS process for the crash-safety tests: it SIGKILLs itself at the first step
 * boundary whose name starts with argv[4] of a process of action argv[3] (no finally blocks, no
 * clean-up: a real death). Usage: node --import tsx crash-child.ts <postgres-url> <action> <boundary-prefix>
 */
import { openDb } from '@/lib/db/client';
import { startWorker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';

const [url, action, prefix] = process.argv.slice(2);
if (!url || !action || !prefix) throw new Error('usage: crash-child.ts <postgres-url> <action> <boundary-prefix>');
const handle = openDb({ url, pgliteDir: '' });
startWorker({
  db: handle.db,
  engine: dockerEngine(),
  pollMs: 100,
  staleMs: 60_000,
  hooks: {
    atBoundary: (p, _index, name) => {
      if (p.action === action && name.startsWith(prefix)) {
        process.stdout.write(`dying at ${name}\n`);
        process.kill(process.pid, 'SIGKILL');
      }
    },
  },
});
process.stdout.write('worker ready\n');
