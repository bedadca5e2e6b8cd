import crypto from 'node:crypto';
import path from 'node:path';
import { AppError } from '@/lib/errors';
import { retryUntil } from '@/lib/provisioner/clock';
import type { Engine } from '@/lib/provisioner/engine';

const DIR = '/etc/berth';

/**
 * What this process last put into a container's file (by container id, so a new container is
 * never taken for an old one): the periodic reconcile of every project then costs no `docker
 * exec` while nothing changed. Entries are trusted for a few minutes, then checked again, in case
 * another Berth process wrote the same container meanwhile.
 */
const inPlace = new Map<string, { sha: string; at: number }>();
const TRUST_MS = 5 * 60_000;
const sha = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const known = (id: string | undefined, file: string, content: string) => {
  const e = id ? inPlace.get(`${id}:${file}`) : undefined;
  return Boolean(e && e.sha === sha(content) && Date.now() - e.at < TRUST_MS);
};
const remember = (id: string | undefined, file: string, content: string) => {
  if (id) inPlace.set(`${id}:${file}`, { sha: sha(content), at: Date.now() });
};

/** True when this process knows what the file holds (recently): after `known` said no, it holds something else. */
const cachedElse = (id: string | undefined, file: string) => {
  const e = id ? inPlace.get(`${id}:${file}`) : undefined;
  return Boolean(e && Date.now() - e.at < TRUST_MS);
};

const forget = (id: string | undefined, file: string) => {
  if (id) inPlace.delete(`${id}:${file}`);
};

/** A container by name, with its id when the caller has it (enables the in-place cache). */
export interface Target {
  name: string;
  id?: string;
}
const target = (t: string | Target): Target => (typeof t === 'string' ? { name: t } : t);

/**
 * Fixed scripts (paths come in as arguments, never pasted in). WRITE_AND_TEST writes stdin to the
 * candidate $1 and validates it with nginx, removing it when rejected (exit 90: not written).
 * SWAP keeps the running config $2 as $3 and moves the candidate in (an atomic rename on one file
 * system); it prints `first` when there was no running config.
 */
const WRITE_AND_TEST = 'mkdir -p "${1%/*}" && cat > "$1" || exit 90; nginx -t -q -c "$1" || { code=$?; rm -f "$1"; exit $code; }';
const SWAP = 'if [ -s "$2" ]; then cp "$2" "$3"; else echo first; fi; mv "$1" "$2"';

/**
 * Writes a candidate config into a balancer, validates it with `nginx -t`, keeps the last good
 * one, swaps it in and reloads gracefully. A config nginx rejects fails with nginx's message and
 * leaves the running config untouched. Returns false when the config was already in place.
 */
export async function pushNginxConfig(engine: Engine, to: string | Target, config: string): Promise<boolean> {
  const { name: container, id } = target(to);
  if (known(id, 'nginx.conf', config)) return false;
  // What this process put there last (another content) saves reading it back.
  if (!cachedElse(id, 'nginx.conf')) {
    const current = await engine.exec(container, ['cat', `${DIR}/nginx.conf`]);
    if (current.exitCode === 0 && current.stdout === config) {
      remember(id, 'nginx.conf', config);
      return false;
    }
  }
  // A file of its own per push: what nginx validated is exactly what is swapped in, even when two pushes overlap.
  const candidate = `${DIR}/candidate-${crypto.randomBytes(6).toString('hex')}.conf`;
  const test = await engine.exec(container, ['sh', '-c', WRITE_AND_TEST, 'sh', candidate], { stdin: config });
  if (test.exitCode === 90) throw new Error(`could not write the config into ${container}: ${test.stderr}`);
  if (test.exitCode !== 0) {
    throw new AppError('VALIDATION', `nginx rejected the new configuration; the running one is unchanged: ${test.stderr.trim()}`);
  }
  const swap = await engine.exec(container, ['sh', '-c', SWAP, 'sh', candidate, `${DIR}/nginx.conf`, `${DIR}/last-good.conf`]);
  if (swap.exitCode !== 0) throw new Error(`could not put the config in place in ${container}: ${swap.stderr}`);
  if (swap.stdout.trim() !== 'first') {
    try {
      await reloadNginx(engine, container);
    } catch (err) {
      // Not known to be running: the last good file goes back, so a restart starts what ran, and the next push tries again.
      forget(id, 'nginx.conf');
      await engine.exec(container, ['cp', `${DIR}/last-good.conf`, `${DIR}/nginx.conf`]).catch(() => undefined);
      throw err;
    }
  }
  remember(id, 'nginx.conf', config);
  return true;
}

/** Writes a file into a container when its content differs (certificates before the config that uses them). */
export async function pushFile(engine: Engine, to: string | Target, file: string, content: string): Promise<boolean> {
  const { name: container, id } = target(to);
  if (known(id, file, content)) return false;
  const current = await engine.exec(container, ['cat', file]);
  if (current.exitCode !== 0 || current.stdout !== content) {
    await engine.exec(container, ['mkdir', '-p', path.posix.dirname(file)]);
    const write = await engine.exec(container, ['tee', file], { stdin: content });
    if (write.exitCode !== 0) throw new Error(`could not write ${file} into ${container}: ${write.stderr}`);
  }
  remember(id, file, content);
  return current.exitCode !== 0 || current.stdout !== content;
}

/** PIDs of the nginx workers that accept connections (not those shutting down); undefined without `ps`. */
async function acceptingWorkers(engine: Engine, container: string): Promise<string[] | undefined> {
  const r = await engine.exec(container, ['ps', '-e', '-o', 'pid=,args=']).catch(() => undefined);
  if (!r || r.exitCode !== 0) return undefined;
  return r.stdout
    .split('\n')
    .map((l) => /^\s*(\d+)\s+nginx: worker process\s*$/.exec(l)?.[1])
    .filter((pid): pid is string => Boolean(pid));
}

/**
 * Graceful reload (new workers pick up the config and certificates; old ones finish their
 * requests). `nginx -s reload` only signals the master, so this waits until every worker that
 * accepts connections is a new one: when it returns, no request is answered by the old config.
 * (An image without `ps`, such as the official nginx one, gets the signal only.)
 */
export async function reloadNginx(engine: Engine, container: string): Promise<void> {
  const before = await acceptingWorkers(engine, container);
  const reload = await engine.exec(container, ['nginx', '-c', `${DIR}/nginx.conf`, '-s', 'reload']);
  if (reload.exitCode !== 0) throw new Error(`nginx reload failed in ${container}: ${reload.stderr.trim()}`);
  if (!before) return;
  await retryUntil(
    () => acceptingWorkers(engine, container),
    (now) => Boolean(now && now.length > 0 && !now.some((pid) => before.includes(pid))),
    () => new Error(`nginx in ${container} did not switch to the new configuration`),
    { timeoutMs: 15_000, intervalMs: 10, maxIntervalMs: 200 },
  );
}

/** True once the container's nginx master is up (its pid file exists). */
export async function nginxRunning(engine: Engine, container: string, pidFile: string): Promise<boolean> {
  const r = await engine.exec(container, ['test', '-s', pidFile]).catch(() => undefined);
  return r?.exitCode === 0;
}
