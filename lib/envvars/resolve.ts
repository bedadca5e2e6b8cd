/**
 * Env variable resolution: project variables are inherited by every service; a service's
 * own variables (generated and user) override them; `${key}` reads the same service, and
 * `${hostname_key}` reads another service of the project. Resolution happens when a container is
 * created. An unresolved reference stays as the literal text and is reported.
 */
export type VarMap = Record<string, string>;

export interface ProjectVars {
  project: VarMap;
  /** hostname → that service's own variables (generated + user). */
  services: Record<string, VarMap>;
}

const REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const MAX_DEPTH = 8;

function lookup(vars: ProjectVars, hostname: string, name: string): string | undefined {
  const own = { ...vars.project, ...vars.services[hostname] };
  if (name in own) return own[name];
  // `${db_connectionString}`: the longest hostname prefix that names a service wins.
  const hosts = Object.keys(vars.services).sort((a, b) => b.length - a.length);
  for (const host of hosts) {
    if (name.startsWith(`${host}_`)) {
      const key = name.slice(host.length + 1);
      const value = vars.services[host]?.[key];
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

function expand(vars: ProjectVars, hostname: string, value: string, depth: number, unresolved: Set<string>): string {
  return value.replace(REF, (whole, name: string) => {
    const found = lookup(vars, hostname, name);
    if (found === undefined || depth >= MAX_DEPTH || found.includes(whole)) {
      unresolved.add(name);
      return whole;
    }
    return expand(vars, hostname, found, depth + 1, unresolved);
  });
}

/** The environment a container of `hostname` gets, with references resolved. */
export function resolveServiceEnv(vars: ProjectVars, hostname: string): { env: VarMap; unresolved: string[] } {
  const merged = { ...vars.project, ...vars.services[hostname] };
  const unresolved = new Set<string>();
  const env: VarMap = {};
  for (const [key, value] of Object.entries(merged)) env[key] = expand(vars, hostname, value, 0, unresolved);
  return { env, unresolved: [...unresolved].sort() };
}

/** References in `value` that cannot be resolved now (for API and UI warnings). */
export function findUnresolvedReferences(vars: ProjectVars, hostname: string, value: string): string[] {
  const unresolved = new Set<string>();
  expand(vars, hostname, value, 0, unresolved);
  return [...unresolved].sort();
}
