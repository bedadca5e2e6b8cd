import type { HealthSpec } from '@/lib/provisioner/spec';
import type { ZeropsCheck } from '../zerops-yml';

/** A zerops.yml check as a program run inside the app container (argv; exec checks are the user's `sh -c`). */
export function checkArgv(check: ZeropsCheck): string[] {
  if (check.exec) return ['sh', '-c', check.exec.command];
  const h = check.httpGet!;
  const url = `${h.scheme}://127.0.0.1:${h.port}${h.path}`;
  return ['curl', '-fsS', '-k', '-o', '/dev/null', '--max-time', '5', ...(h.host ? ['-H', `Host: ${h.host}`] : []), url];
}

/** With no readinessCheck: the first port answers (any HTTP status for HTTP ports, a TCP connect otherwise). */
export function defaultReadiness(ports: { port: number; protocol: string; httpSupport: boolean }[]): string[] | null {
  const p = ports.find((x) => x.protocol === 'TCP') ?? null;
  if (!p) return null;
  return p.httpSupport
    ? ['curl', '-sS', '-o', '/dev/null', '--max-time', '5', `http://127.0.0.1:${p.port}/`]
    : ['nc', '-z', '-w', '3', '127.0.0.1', String(p.port)];
}

/** run.healthCheck as the container's health check (the self-healer acts on it). */
export function healthSpec(check: ZeropsCheck | undefined): HealthSpec | undefined {
  if (!check) return undefined;
  return { test: checkArgv(check), intervalMs: 5_000, timeoutMs: 5_000, retries: 6, startPeriodMs: 60_000 };
}
