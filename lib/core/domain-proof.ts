import dns from 'node:dns/promises';
import { keyedDigest } from '@/lib/crypto/secrets';
import { canonicalIp6 } from '@/lib/net/ip6';

/**
 * Proof that whoever stages a custom domain controls it, checked before the domain is published
 * (and before any certificate names it): the name resolves to the project's address, or carries
 * the TXT record Berth gives for that project and name.
 */
export interface DomainResolver {
  /** IPv4 and IPv6 addresses of the name (empty when it has none). */
  addresses(name: string): Promise<string[]>;
  /** The TXT strings of the name, each record's chunks joined (empty when it has none). */
  txt(name: string): Promise<string[]>;
}

const none = () => [] as string[];

/** The system's resolver (/etc/hosts included for addresses). */
export const systemResolver: DomainResolver = {
  addresses: (name) => dns.lookup(name, { all: true }).then((list) => list.map((a) => a.address), none),
  txt: (name) => dns.resolveTxt(name).then((records) => records.map((chunks) => chunks.join('')), none),
};

let replacement: DomainResolver | undefined;

/** Replaces the resolver (tests answer for names that exist nowhere); undefined restores the system's. */
export function useDomainResolver(resolver: DomainResolver | undefined): void {
  replacement = resolver;
}

export function domainResolver(): DomainResolver {
  return replacement ?? systemResolver;
}

/** The TXT record that proves control of `domain` for one project (stable: derived from the secret key). */
export function verificationRecord(projectId: string, domain: string): { name: string; value: string } {
  return { name: `_berth-verify.${domain}`, value: `berth-verify=${keyedDigest(`domain-verify:${projectId}:${domain}`).slice(0, 32)}` };
}

/** Undefined when control is proven; otherwise what the user must do, for the error message. */
export async function unprovenDomain(domain: string, project: { id: string; address: string | null; address6?: string | null }, resolver = domainResolver()): Promise<string | undefined> {
  const record = verificationRecord(project.id, domain);
  const [addresses, txt] = await Promise.all([resolver.addresses(domain), resolver.txt(record.name)]);
  const own = [project.address, project.address6].filter((a): a is string => !!a);
  if (addresses.some((a) => own.includes(a.includes(':') ? canonicalIp6(a) : a))) return undefined;
  if (txt.includes(record.value)) return undefined;
  const seen = addresses.length ? `it resolves to ${addresses.join(', ')}` : 'it does not resolve';
  const point = own.length ? `point it at ${own.join(' / ')} or ` : '';
  return `${domain}: control not proven (${seen}); ${point}add a TXT record ${record.name} with the value ${record.value}`;
}
