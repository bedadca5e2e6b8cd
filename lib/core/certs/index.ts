import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import type { Db } from '@/lib/db/client';
import { certificates, type Certificate } from '@/lib/db/schema';
import { dataDir, env } from '@/lib/env';
import { logger } from '@/lib/log';
import { ensureCa, issueCertificate, signedBy, type Pem } from '../ca';
import { accountKey, acmeClientIssuer, type AcmeIssuer, type ChallengeResponder } from './acme';
import { INTERNAL_NAMES, planCertificates, type InternalName } from './plan';

const log = logger('certs');
const ACME_TIMEOUT_MS = 120_000;

export interface ServedCerts {
  /** Covers every HTTP name of the project. */
  internal?: Pem;
  /** Custom domains with an ACME certificate that is still valid. */
  byDomain: Map<string, Pem>;
}

let defaultIssuer: AcmeIssuer | undefined;
let replacement: AcmeIssuer | undefined;

/** Replaces the ACME issuer (another CA client; tests use one that needs no network); undefined restores it. */
export function useAcmeIssuer(issuer: AcmeIssuer | undefined): void {
  replacement = issuer;
}

/** The ACME issuer when BERTH_ACME_EMAIL is set (account key in `<data>/acme/`), otherwise none. */
export function configuredAcmeIssuer(): AcmeIssuer | undefined {
  if (replacement) return replacement;
  if (!env.BERTH_ACME_EMAIL) return undefined;
  defaultIssuer ??= acmeClientIssuer({
    email: env.BERTH_ACME_EMAIL,
    directoryUrl: env.BERTH_ACME_DIRECTORY,
    accountKeyPem: accountKey(path.join(dataDir, 'acme')),
    caPem: env.BERTH_ACME_CA_FILE ? fs.readFileSync(env.BERTH_ACME_CA_FILE, 'utf8') : undefined,
  });
  return defaultIssuer;
}

async function save(db: Db, projectId: string, name: string, values: Partial<typeof certificates.$inferInsert> & Pick<Certificate, 'issuer'>) {
  const row = { ...values, updatedAt: new Date() };
  await db
    .insert(certificates)
    .values({ projectId, name, ...row })
    .onConflictDoUpdate({ target: [certificates.projectId, certificates.name], set: row });
}

const notAfter = (certPem: string) => new Date(new crypto.X509Certificate(certPem).validTo);

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Brings the project's certificates up to date (issue, renew, drop) and returns the ones to serve.
 * An ACME failure is recorded on the certificate (and retried after a back-off); the domain keeps
 * being served with the internal certificate, or with its previous ACME one while still valid.
 */
export async function ensureCertificates(
  db: Db,
  projectId: string,
  input: {
    hosts: string[];
    customDomains: string[];
    /** With an issuer, custom domains are ACME names; they are issued only when `issueAcme` (else planned, kept, served). */
    issuer?: AcmeIssuer;
    issueAcme?: boolean;
    /** Drop certificates of names no longer routed (not while a staged change is only being validated). */
    prune?: boolean;
    responder?: ChallengeResponder;
    now?: Date;
  },
): Promise<ServedCerts> {
  const now = input.now ?? new Date();
  const ca = ensureCa();
  // An internal certificate of a replaced root is issued again (plan it as not active).
  const isInternal = (name: string): name is InternalName => (INTERNAL_NAMES as string[]).includes(name);
  const existing = (await db.select().from(certificates).where(eq(certificates.projectId, projectId))).map((c) =>
    isInternal(c.name) && c.certPem && !signedBy(c.certPem, ca) ? { ...c, status: 'pending' as const } : c,
  );
  const actions = planCertificates({ hosts: input.hosts, customDomains: input.customDomains, acmeEnabled: Boolean(input.issuer), existing, now });
  for (const a of actions) {
    if (a.kind === 'remove') {
      if (!input.prune) continue;
      await db.delete(certificates).where(and(eq(certificates.projectId, projectId), eq(certificates.name, a.name)));
    } else if (a.kind === 'issueInternal') {
      const pem = issueCertificate(ca, a.hosts);
      await save(db, projectId, a.name, { issuer: 'internal', hosts: a.hosts, status: 'active', certPem: pem.certPem, keyEncrypted: encryptSecret(pem.keyPem), expiresAt: notAfter(pem.certPem), attemptedAt: now, error: null });
    } else if (input.issuer && input.responder && input.issueAcme) {
      try {
        const pem = await withTimeout(input.issuer.issue(a.domain, input.responder), ACME_TIMEOUT_MS, `ACME issuance for ${a.domain}`);
        await save(db, projectId, a.domain, { issuer: 'acme', hosts: [a.domain], status: 'active', certPem: pem.certPem, keyEncrypted: encryptSecret(pem.keyPem), expiresAt: pem.expiresAt, attemptedAt: now, error: null });
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        log.warn('ACME certificate not issued; the internal one serves the domain meanwhile', { projectId, domain: a.domain, error });
        await save(db, projectId, a.domain, { issuer: 'acme', hosts: [a.domain], status: 'failed', attemptedAt: now, error: error.slice(0, 2000) });
      }
    }
  }
  const rows = await db.select().from(certificates).where(eq(certificates.projectId, projectId));
  const served: ServedCerts = { byDomain: new Map() };
  const usable = rows.filter((r) => r.certPem && r.keyEncrypted && r.expiresAt && r.expiresAt > now);
  const pemOf = (r: Certificate) => ({ certPem: r.certPem!, keyPem: decryptSecret(r.keyEncrypted!) });
  // Custom domains: their own ACME certificate when active, else the internal-custom one.
  for (const r of usable.filter((x) => x.name === 'internal-custom')) for (const host of r.hosts) served.byDomain.set(host, pemOf(r));
  for (const r of usable) {
    if (r.name === 'internal') served.internal = pemOf(r);
    else if (!isInternal(r.name)) served.byDomain.set(r.name, pemOf(r));
  }
  // The balancer's default certificate: a project with custom domains only has just the one.
  const custom = usable.find((r) => r.name === 'internal-custom');
  if (!served.internal && custom) served.internal = pemOf(custom);
  return served;
}
