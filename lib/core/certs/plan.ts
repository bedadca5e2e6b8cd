/**
 * Pure: which certificates a project needs and which to (re)issue now. The internal CA's root is
 * constrained to names under BERTH_DOMAIN, so its certificates come in two: `internal` for the
 * project's subdomains (trusted wherever the root is installed) and `internal-custom` for its
 * proven custom domains (HTTPS answers at once, but the root does not vouch for them). With
 * BERTH_ACME_EMAIL set, each public custom domain also gets an ACME certificate, served for that
 * domain once it is active.
 */
export interface CertState {
  name: string;
  hosts: string[];
  issuer: 'internal' | 'acme';
  status: 'pending' | 'active' | 'failed';
  expiresAt: Date | null;
  attemptedAt: Date | null;
}

export type CertAction =
  | { kind: 'issueInternal'; name: InternalName; hosts: string[] }
  | { kind: 'issueAcme'; domain: string }
  | { kind: 'remove'; name: string };

export type InternalName = 'internal' | 'internal-custom';
export const INTERNAL_NAMES: InternalName[] = ['internal', 'internal-custom'];

export const RENEW_BEFORE_MS = 30 * 86_400_000;
export const ACME_RETRY_MS = 60 * 60_000;

/** Names no public CA will sign: reserved or local top-level domains (RFC 2606, 6761, 6762, 8375). */
const LOCAL_TLDS = new Set(['localhost', 'test', 'example', 'invalid', 'local', 'internal', 'lan', 'home', 'corp', 'localdomain']);

export function isPublicDomain(domain: string): boolean {
  const labels = domain.toLowerCase().split('.');
  const tld = labels.at(-1) ?? '';
  if (labels.length < 2 || LOCAL_TLDS.has(tld) || /^\d+$/.test(tld)) return false;
  if (domain.toLowerCase().endsWith('.home.arpa')) return false;
  return !['example.com', 'example.net', 'example.org'].some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** ACME only when enabled (BERTH_ACME_EMAIL set) and for a name a public CA can validate. */
export function wantsAcme(domain: string, acmeEnabled: boolean): boolean {
  return acmeEnabled && isPublicDomain(domain);
}

const sameHosts = (a: string[], b: string[]) => [...a].sort().join(',') === [...b].sort().join(',');
const expiring = (c: CertState, now: Date) => !c.expiresAt || c.expiresAt.getTime() - now.getTime() < RENEW_BEFORE_MS;

export function planCertificates(input: {
  /** Every HTTP name the project serves (subdomains and published custom domains). */
  hosts: string[];
  customDomains: string[];
  acmeEnabled: boolean;
  existing: CertState[];
  now: Date;
}): CertAction[] {
  const actions: CertAction[] = [];
  const byName = new Map(input.existing.map((c) => [c.name, c]));
  const custom = new Set(input.customDomains);
  const wanted: Record<InternalName, string[]> = {
    internal: [...new Set(input.hosts.filter((h) => !custom.has(h)))].sort(),
    'internal-custom': [...custom].sort(),
  };
  for (const name of INTERNAL_NAMES) {
    const cert = byName.get(name);
    const hosts = wanted[name];
    if (hosts.length) {
      if (!cert || cert.status !== 'active' || !sameHosts(cert.hosts, hosts) || expiring(cert, input.now)) actions.push({ kind: 'issueInternal', name, hosts });
    } else if (cert) actions.push({ kind: 'remove', name });
  }

  const acme = new Set(input.customDomains.filter((d) => wantsAcme(d, input.acmeEnabled)));
  for (const domain of acme) {
    const cert = byName.get(domain);
    const recentFailure = cert?.status === 'failed' && cert.attemptedAt && input.now.getTime() - cert.attemptedAt.getTime() < ACME_RETRY_MS;
    if (recentFailure) continue;
    if (!cert || cert.status !== 'active' || expiring(cert, input.now)) actions.push({ kind: 'issueAcme', domain });
  }
  for (const c of input.existing) if (c.issuer === 'acme' && !acme.has(c.name)) actions.push({ kind: 'remove', name: c.name });
  return actions;
}
