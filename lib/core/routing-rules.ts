/**
 * Pure rules for what may be routed, shared by the domain and public-port functions. Each returns
 * the field and the message of the first rule broken, or undefined; nothing is written before
 * every rule passes.
 */
export interface RuleError {
  field: string;
  message: string;
}

/**
 * Names under BERTH_DOMAIN belong to subdomain access (`<hostname>-<slug>.<BERTH_DOMAIN>`); a
 * custom domain there could take another project's subdomain at the edge.
 */
export function reservedDomain(domain: string, berthDomain: string): RuleError | undefined {
  const base = berthDomain.toLowerCase();
  if (domain === base || domain.endsWith(`.${base}`)) {
    return { field: 'domain', message: `names under ${base} are Berth's subdomains; use a domain of your own` };
  }
  return undefined;
}

const LOCALHOST = /(^|\.)localhost$|^localhost\.localdomain$|^ip6-(localhost|loopback)$/;

/**
 * Names no project may claim as a custom domain: IP literals (a "domain" of 10.0.0.1 is an
 * address, not a name), localhost forms, the dashboard's own host names (from NEXTAUTH_URL and
 * the host the request came in on), and Berth's subdomains.
 */
export function forbiddenDomain(domain: string, opts: { berthDomain: string; dashboardHosts: (string | undefined)[] }): RuleError | undefined {
  const name = domain.toLowerCase().replace(/\.$/, '');
  const berth = reservedDomain(name, opts.berthDomain);
  if (berth) return berth;
  if (/^[\d.]+$/.test(name) || name.includes(':') || /^0x[0-9a-f]+$/.test(name)) {
    return { field: 'domain', message: 'an IP address is not a domain; use a host name of your own' };
  }
  if (LOCALHOST.test(name)) return { field: 'domain', message: `${name} is a local name of the server` };
  const dashboard = opts.dashboardHosts.filter((h): h is string => Boolean(h)).map((h) => h.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, ''));
  if (dashboard.includes(name)) return { field: 'domain', message: `${name} is the dashboard's own host name` };
  return undefined;
}

/** `/api` and `/api/` are the same prefix to a user; nginx would keep both and pick one silently. */
export function normalizePath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
}

/** A route for `domain` + `path` next to the project's routes for that domain. */
export function overlappingRoute(path: string, existing: string[]): RuleError | undefined {
  const p = normalizePath(path);
  if (existing.some((e) => normalizePath(e) === p)) {
    return { field: 'path', message: `${p} overlaps an existing route of this domain` };
  }
  return undefined;
}

/** The core's own listeners on the project address: the balancer's HTTP and HTTPS, the logger's syslog port. */
export function reservedPublicPort(port: number, reserved: { coreHttp: number; coreHttps: number; coreLog: number }): RuleError | undefined {
  if (port === reserved.coreLog) return { field: 'publicPort', message: `${port} is the project logger's port on the project address` };
  if (port === reserved.coreHttp) return { field: 'publicPort', message: `${port} is the balancer's HTTP port on the project address` };
  if (port === reserved.coreHttps) return { field: 'publicPort', message: `${port} is the balancer's HTTPS port on the project address` };
  return undefined;
}
