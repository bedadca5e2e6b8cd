import { registerCoreExtension } from './balancer-sync';

export { syncCore } from './balancer-sync';
export { useAcmeIssuer } from './certs';
export type { AcmeIssuer, ChallengeResponder } from './certs/acme';
export { useDomainResolver, verificationRecord, type DomainResolver } from './domain-proof';

/** Plugs the project core into the provisioner: balancers (and the logger) become wanted objects of every project. */
export function registerProjectCore(): void {
  registerCoreExtension();
}
