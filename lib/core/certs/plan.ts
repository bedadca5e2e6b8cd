/**
 * Pure: which certificates a project needs and which to (re)issue now. The internal certificate
 * covers every HTTP name of the project, so HTTPS works at once; with BERTH_ACME_EMAIL set, each
 * public custom domain also gets an ACME certificate, served for that domain once it is active.
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
  | { kind: 'issueInternal'; hosts: string[] }
  | { kind: 'issueAcme'; domain: string }
  | { kind: 'remove'; name: string };

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
  const internal = byName.get('internal');
  if (input.hosts.length) {
    if (!internal || internal.status !== 'active' || !sameHosts(internal.hosts, input.hosts) || expiring(internal, input.now)) {
      actions.push({ kind: 'issueInternal', hosts: [...new Set(input.hosts)].sort() });
    }
  } else if (internal) actions.push({ kind: 'remove', name: 'internal' });

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
