import { AppError } from '@/lib/errors';
import type { Runtime } from '@/lib/provisioner/runtime';

const DIR = '/etc/berth';

/**
 * Writes a candidate config into a balancer, validates it with `nginx -t`, keeps the last good
 * one, swaps it in and reloads gracefully. A config nginx rejects fails with nginx's message and
 * leaves the running config untouched. Returns false when the config was already in place.
 */
export async function pushNginxConfig(runtime: Runtime, container: string, config: string): Promise<boolean> {
  const current = await runtime.exec(container, ['cat', `${DIR}/nginx.conf`]);
  if (current.exitCode === 0 && current.stdout === config) return false;
  const write = await runtime.exec(container, ['tee', `${DIR}/candidate.conf`], { stdin: config });
  if (write.exitCode !== 0) throw new Error(`could not write the config into ${container}: ${write.stderr}`);
  const test = await runtime.exec(container, ['nginx', '-t', '-q', '-c', `${DIR}/candidate.conf`]);
  if (test.exitCode !== 0) {
    throw new AppError('VALIDATION', `nginx rejected the new configuration; the running one is unchanged: ${test.stderr.trim()}`);
  }
  const first = current.exitCode !== 0 || current.stdout === '';
  if (!first) await runtime.exec(container, ['cp', `${DIR}/nginx.conf`, `${DIR}/last-good.conf`]);
  await runtime.exec(container, ['cp', `${DIR}/candidate.conf`, `${DIR}/nginx.conf`]);
  if (!first) await reloadNginx(runtime, container);
  return true;
}

/** Writes a file into a container when its content differs (certificates before the config that uses them). */
export async function pushFile(runtime: Runtime, container: string, file: string, content: string): Promise<boolean> {
  const current = await runtime.exec(container, ['cat', file]);
  if (current.exitCode === 0 && current.stdout === content) return false;
  const write = await runtime.exec(container, ['tee', file], { stdin: content });
  if (write.exitCode !== 0) throw new Error(`could not write ${file} into ${container}: ${write.stderr}`);
  return true;
}

/** Graceful reload (new workers pick up changed certificates; old ones finish their requests). */
export async function reloadNginx(runtime: Runtime, container: string): Promise<void> {
  const reload = await runtime.exec(container, ['nginx', '-c', `${DIR}/nginx.conf`, '-s', 'reload']);
  if (reload.exitCode !== 0) throw new Error(`nginx reload failed in ${container}: ${reload.stderr.trim()}`);
}

/** True once the container's nginx master is up (its pid file exists). */
export async function nginxRunning(runtime: Runtime, container: string, pidFile: string): Promise<boolean> {
  const r = await runtime.exec(container, ['test', '-s', pidFile]).catch(() => undefined);
  return r?.exitCode === 0;
}
