import { env } from '@/lib/env';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Keys whose values never reach a log line. */
const secretKey = /pass(word)?|secret|token|key|connectionstring|authorization|cookie/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, secretKey.test(k) ? '[redacted]' : redact(v, depth + 1)]),
  );
}

function write(level: Level, scope: string, message: string, fields?: Record<string, unknown>) {
  if (order[level] < order[env.BERTH_LOG_LEVEL]) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, scope, message, ...(redact(fields) as object) });
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
}

export function logger(scope: string) {
  return {
    debug: (m: string, f?: Record<string, unknown>) => write('debug', scope, m, f),
    info: (m: string, f?: Record<string, unknown>) => write('info', scope, m, f),
    warn: (m: string, f?: Record<string, unknown>) => write('warn', scope, m, f),
    error: (m: string, f?: Record<string, unknown>) => write('error', scope, m, f),
  };
}
