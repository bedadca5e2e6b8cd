import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * bcrypt in worker threads: bcryptjs is JavaScript (its async API still computes on the calling
 * thread), so a flood of sign-ins hashed on the main thread would stall every request. A small
 * pool of threads runs the hashes; the event loop only passes messages.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const bcrypt = require('bcryptjs');
parentPort.on('message', async ({ id, op, a, b }) => {
  try {
    const value = op === 'hash' ? await bcrypt.hash(a, b) : await bcrypt.compare(a, b);
    parentPort.postMessage({ id, value });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
`;

type Job = { resolve: (v: string | boolean) => void; reject: (e: Error) => void };
interface PoolThread {
  worker: Worker;
  busy: number;
}

const SIZE = Math.max(1, Math.min(4, os.availableParallelism() - 1));
/**
 * One pool per process, with its job table: Next may load this module more than once (route
 * handlers and server actions are bundled apart), and a reply must find the job that sent it.
 */
interface PoolState {
  threads: PoolThread[];
  jobs: Map<number, Job>;
  seq: number;
}
declare global {
  var berthHashPool: PoolState | undefined;
}
const state: PoolState = (globalThis.berthHashPool ??= { threads: [], jobs: new Map<number, Job>(), seq: 0 });
const jobs = state.jobs;

function spawn(): PoolThread {
  const thread: PoolThread = { worker: new Worker(WORKER_SOURCE, { eval: true, execArgv: [] }), busy: 0 };
  thread.worker.unref();
  thread.worker.on('message', (m: { id: number; value?: string | boolean; error?: string }) => {
    const job = jobs.get(m.id);
    jobs.delete(m.id);
    thread.busy--;
    if (!job) return;
    if (m.error !== undefined) job.reject(new Error(m.error));
    else job.resolve(m.value!);
  });
  thread.worker.on('error', (err) => {
    // A dead thread is replaced; its jobs fail (the caller sees an error, never a hang).
    state.threads.splice(state.threads.indexOf(thread), 1, spawn());
    for (const [id, job] of jobs) {
      jobs.delete(id);
      job.reject(err);
    }
  });
  return thread;
}

function run(op: 'hash' | 'compare', a: string, b: string | number): Promise<string | boolean> {
  if (!state.threads.length) state.threads = Array.from({ length: SIZE }, spawn);
  const thread = state.threads.reduce((x, y) => (y.busy < x.busy ? y : x));
  const id = ++state.seq;
  thread.busy++;
  return new Promise((resolve, reject) => {
    jobs.set(id, { resolve, reject });
    thread.worker.postMessage({ id, op, a, b });
  });
}

export async function hashInPool(plain: string, cost: number): Promise<string> {
  return String(await run('hash', plain, cost));
}

export async function compareInPool(plain: string, hash: string): Promise<boolean> {
  return (await run('compare', plain, hash)) === true;
}
