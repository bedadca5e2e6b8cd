import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { dataDir, env } from '@/lib/env';

/**
 * Berth's internal certificate authority for local names (`*.localhost`, project subdomains).
 * Keys are generated natively (node:crypto); certificates are built and signed with node-forge.
 * The root lives in the data directory (key mode 0600) and is downloadable from the dashboard.
 */
export interface Pem {
  certPem: string;
  keyPem: string;
}

function rsaKeyPem(): string {
  return crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function serial(): string {
  return '01' + crypto.randomBytes(15).toString('hex');
}

/**
 * Name constraints (RFC 5280) for the root: it vouches only for DNS names under `permitted` (each
 * name and the names below it) and for no IP address, whatever a certificate it signs claims.
 */
function nameConstraints(permitted: string[]): { id: string; critical: boolean; value: string } {
  const { asn1 } = forge;
  const subtree = (name: forge.asn1.Asn1) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [name]);
  const dns = permitted.map((d) => subtree(asn1.create(asn1.Class.CONTEXT_SPECIFIC, 2, false, d)));
  const anyIp = [8, 32].map((bytes) => subtree(asn1.create(asn1.Class.CONTEXT_SPECIFIC, 7, false, '\0'.repeat(bytes))));
  const value = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, dns),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 1, true, anyIp),
  ]);
  return { id: '2.5.29.30', critical: true, value: asn1.toDer(value).getBytes() };
}

function buildCert(opts: { subjectCn: string; keyPem: string; issuer?: Pem; days: number; ca: boolean; hosts?: string[]; permitted?: string[] }): string {
  const key = forge.pki.privateKeyFromPem(opts.keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + opts.days * 86_400_000);
  const subject = [{ name: 'commonName', value: opts.subjectCn }, { name: 'organizationName', value: 'Berth' }];
  cert.setSubject(subject);
  const issuerCert = opts.issuer ? forge.pki.certificateFromPem(opts.issuer.certPem) : undefined;
  cert.setIssuer(issuerCert ? issuerCert.subject.attributes : subject);
  const extensions: object[] = [{ name: 'basicConstraints', cA: opts.ca, critical: true }];
  if (opts.ca) {
    extensions.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true });
    if (opts.permitted) extensions.push(nameConstraints(opts.permitted));
  } else {
    extensions.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true });
    extensions.push({ name: 'extKeyUsage', serverAuth: true });
    extensions.push({ name: 'subjectAltName', altNames: (opts.hosts ?? []).map((h) => ({ type: 2, value: h })) });
  }
  extensions.push({ name: 'subjectKeyIdentifier' });
  cert.setExtensions(extensions);
  const signer = opts.issuer ? forge.pki.privateKeyFromPem(opts.issuer.keyPem) : key;
  cert.sign(signer as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/**
 * The root CA, created once in `<data>/ca/`, constrained to names under `domain` (BERTH_DOMAIN,
 * where Berth's subdomains live). A root made for another domain, or before the constraints
 * existed, is set aside (root-<time>.crt) and replaced; certificates it signed are issued again.
 */
export function ensureCa(dir = path.join(dataDir, 'ca'), domain = env.BERTH_DOMAIN): Pem {
  const certFile = path.join(dir, 'root.crt');
  const keyFile = path.join(dir, 'root.key');
  const scopeFile = path.join(dir, 'root.scope');
  const scope = domain.toLowerCase();
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    const current = fs.existsSync(scopeFile) ? fs.readFileSync(scopeFile, 'utf8').trim() : undefined;
    if (current === scope) return { certPem: fs.readFileSync(certFile, 'utf8'), keyPem: fs.readFileSync(keyFile, 'utf8') };
    const stamp = Date.now().toString(36);
    fs.renameSync(certFile, path.join(dir, `root-${stamp}.crt`));
    fs.renameSync(keyFile, path.join(dir, `root-${stamp}.key`));
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyPem = rsaKeyPem();
  const certPem = buildCert({ subjectCn: `Berth internal CA (${scope})`, keyPem, days: 3650, ca: true, permitted: [scope] });
  fs.writeFileSync(keyFile, keyPem, { mode: 0o600 });
  fs.writeFileSync(certFile, certPem, { mode: 0o644 });
  fs.writeFileSync(scopeFile, `${scope}\n`, { mode: 0o644 });
  return { certPem, keyPem };
}

/** Whether `certPem` was signed by the root `ca` (a certificate of a replaced root is not). */
export function signedBy(certPem: string, ca: Pem): boolean {
  try {
    return new crypto.X509Certificate(certPem).verify(new crypto.X509Certificate(ca.certPem).publicKey);
  } catch {
    return false;
  }
}

/** A server certificate for `hosts`, signed by the internal CA (valid 397 days). */
export function issueCertificate(ca: Pem, hosts: string[]): Pem {
  const keyPem = rsaKeyPem();
  return { certPem: buildCert({ subjectCn: hosts[0] ?? 'berth', keyPem, issuer: ca, days: 397, ca: false, hosts }), keyPem };
}
