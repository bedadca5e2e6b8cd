/**
 * A worker in its own OS process for the crash-safety test: it SIGKILLs itself at the first step
 * boundary of a stack.create whose name starts with argv[3] (no finally blocks, no clean-up: a real
 * death). Usage: tsx crash-child.ts <postgres-url> <boundary-prefix>
 */
import { openDb } from '@/lib/db/client';
import { startWorker } from '@/lib/processes/worker';
import { dockerRuntime } from '@/lib/provisioner/docker/docker-runtime';

const [url, prefix] = process.argv.slice(2);
if (!url || !prefix) throw new Error('usage: crash-child.ts <postgres-url> <boundary-prefix>');
const handle = openDb({ url, pgliteDir: '' });
startWorker({
  db: handle.db,
  runtime: dockerRuntime(),
  pollMs: 100,
  staleMs: 60_000,
  hooks: {
    atBoundary: (p, _index, name) => {
      if (p.action === 'stack.create' && name.startsWith(prefix)) {
        process.stdout.write(`dying at ${name}\n`);
        process.kill(process.pid, 'SIGKILL');
      }
    },
  },
});
process.stdout.write('worker ready\n');
