import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { dataDir } from '@/lib/env';

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

function buildCert(opts: { subjectCn: string; keyPem: string; issuer?: Pem; days: number; ca: boolean; hosts?: string[] }): string {
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
  if (opts.ca) extensions.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true });
  else {
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

/** The root CA, created once in `<data>/ca/`. */
export function ensureCa(dir = path.join(dataDir, 'ca')): Pem {
  const certFile = path.join(dir, 'root.crt');
  const keyFile = path.join(dir, 'root.key');
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    return { certPem: fs.readFileSync(certFile, 'utf8'), keyPem: fs.readFileSync(keyFile, 'utf8') };
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyPem = rsaKeyPem();
  const certPem = buildCert({ subjectCn: 'Berth internal CA', keyPem, days: 3650, ca: true });
  fs.writeFileSync(keyFile, keyPem, { mode: 0o600 });
  fs.writeFileSync(certFile, certPem, { mode: 0o644 });
  return { certPem, keyPem };
}

/** A server certificate for `hosts`, signed by the internal CA (valid 397 days). */
export function issueCertificate(ca: Pem, hosts: string[]): Pem {
  const keyPem = rsaKeyPem();
  return { certPem: buildCert({ subjectCn: hosts[0] ?? 'berth', keyPem, issuer: ca, days: 397, ca: false, hosts }), keyPem };
}
