import { registerCoreExtension } from './extension';

export { upgradeCore } from './upgrade';
export { syncCore } from './extension';
export { listCertificates, useAcmeIssuer } from './certs';
export type { AcmeIssuer, ChallengeResponder } from './certs/acme';
export { addDomain, listDomains, publishRouting, removeDomain } from './domains';
export { useDomainResolver, verificationRecord, type DomainResolver } from './domain-proof';
export { addPublicPort, listPublicPorts, removePublicPort, setRouteFirewall } from './public-ports';

/** Plugs the project core into the provisioner: balancers (and the logger) become wanted objects of every project. */
export function registerProjectCore(): void {
  registerCoreExtension();
}
