import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from './config';
import type { ApiClient } from './api';

interface ProcessView {
  process: { id: string; action: string; status: string; error: string | null };
  log: { id: number; level: string; step: string | null; message: string }[];
}

const ENDED = ['FINISHED', 'FAILED', 'CANCELED'];

/** Prints the process log as it grows until the process ends; a failure or cancel is an error. */
export async function followProcess(api: ApiClient, projectId: string, processId: string, out: (line: string) => void, opts = { intervalMs: 1000, timeoutMs: 30 * 60_000 }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let seen = 0;
  for (;;) {
    const view = await api.json<ProcessView>('GET', `/projects/${projectId}/processes/${processId}`);
    for (const l of view.log.filter((x) => x.id > seen)) {
      out(`${l.level === 'info' ? '' : `${l.level.toUpperCase()} `}${l.step ? `[${l.step}] ` : ''}${l.message}`);
      seen = Math.max(seen, l.id);
    }
    if (ENDED.includes(view.process.status)) {
      if (view.process.status === 'FINISHED') return;
      throw new CliError(`${view.process.action} ${view.process.status.toLowerCase()}${view.process.error ? `: ${view.process.error}` : ''}`);
    }
    if (Date.now() > deadline) throw new CliError(`${view.process.action} still ${view.process.status.toLowerCase()} after ${Math.round(opts.timeoutMs / 60_000)} minutes`);
    await sleep(opts.intervalMs);
  }
}
