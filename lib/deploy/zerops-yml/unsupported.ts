/**
 * Keys the zerops.yml format documents that Berth does not implement yet. They are refused with
 * their path and "not supported yet" rather than silently ignored. `*` matches one list index.
 */
const UNSUPPORTED: readonly string[] = [
  'zerops.*.run.siteConfigPath',
  'zerops.*.run.routing',
  'zerops.*.run.startCommands.*.user',
  'zerops.*.run.healthCheck.failureTimeout',
  'zerops.*.run.healthCheck.disconnectTimeout',
  'zerops.*.run.healthCheck.recoveryTimeout',
  'zerops.*.run.healthCheck.execPeriod',
  'zerops.*.deploy.readinessCheck.retryPeriod',
];

const patterns = UNSUPPORTED.map((p) => p.split('.'));

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Paths (as key lists) of every unsupported key present in the raw document. */
export function findUnsupportedKeys(raw: unknown): (string | number)[][] {
  const found: (string | number)[][] = [];
  const walk = (node: unknown, pattern: string[], at: (string | number)[]): void => {
    const [head, ...rest] = pattern;
    if (head === undefined) {
      found.push(at);
      return;
    }
    if (head === '*') {
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, rest, [...at, i]));
      return;
    }
    if (isRecord(node) && head in node) walk(node[head], rest, [...at, head]);
  };
  for (const pattern of patterns) walk(raw, pattern, []);
  return found;
}
