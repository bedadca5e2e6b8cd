import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import tls from 'node:tls';
import * as acme from 'acme-client';
import type { Pem } from '../ca';

/** Serves an HTTP-01 challenge answer at /.well-known/acme-challenge/<token> on the domain. */
export interface ChallengeResponder {
  set(token: string, keyAuthorization: string): Promise<void>;
  clear(token: string): Promise<void>;
}

export interface IssuedCert extends Pem {
  expiresAt: Date;
}

/** Issues a certificate for one domain; Berth depends on this, not on the ACME library. */
export interface AcmeIssuer {
  issue(domain: string, responder: ChallengeResponder): Promise<IssuedCert>;
}

/** The ACME account key, created once in `<data>/acme/account.key` (mode 0600). */
export function accountKey(dir: string): string {
  const file = path.join(dir, 'account.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/**
 * The issuer backed by acme-client (HTTP-01): the CA fetches the answer through the edge, which
 * forwards the domain to the project's balancers, where the responder has put it.
 */
export function acmeClientIssuer(opts: { email: string; directoryUrl?: string; accountKeyPem: string; caPem?: string }): AcmeIssuer {
  // A private ACME CA (step-ca, an in-house Boulder, a test CA) is trusted beside the public roots.
  if (opts.caPem) acme.axios.defaults.httpsAgent = new https.Agent({ ca: [...tls.rootCertificates, opts.caPem], keepAlive: false });
  const client = new acme.Client({ directoryUrl: opts.directoryUrl ?? acme.directory.letsencrypt.production, accountKey: opts.accountKeyPem });
  return {
    async issue(domain, responder) {
      const [key, csr] = await acme.crypto.createCsr({ commonName: domain, altNames: [domain] });
      const certPem = await client.auto({
        csr,
        email: opts.email,
        termsOfServiceAgreed: true,
        challengePriority: ['http-01'],
        // The responder has written the answer into the running balancers before it returns; the
        // library's own pre-check would fetch http://<domain>:80 from here, which behind NAT or on a
        // non-default edge port proves nothing. The CA's validation is the check.
        skipChallengeVerification: true,
        challengeCreateFn: async (_authz, challenge, keyAuthorization) => {
          if (challenge.type === 'http-01') await responder.set(challenge.token, keyAuthorization);
        },
        challengeRemoveFn: async (_authz, challenge) => {
          if (challenge.type === 'http-01') await responder.clear(challenge.token);
        },
      });
      return { certPem, keyPem: key.toString(), expiresAt: acme.crypto.readCertificateInfo(certPem).notAfter };
    },
  };
}

/** ACME tokens are base64url; anything else is refused before it becomes a file name. */
export function isAcmeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{16,256}$/.test(token);
}
