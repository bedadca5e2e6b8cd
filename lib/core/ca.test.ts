import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureCa, issueCertificate } from './ca';

describe('internal CA', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-ca-'));
  const ca = ensureCa(dir);

  it('creates the root once and keeps its key private', () => {
    expect(ensureCa(dir).certPem).toBe(ca.certPem);
    expect(fs.statSync(path.join(dir, 'root.key')).mode & 0o077).toBe(0);
    const root = new crypto.X509Certificate(ca.certPem);
    expect(root.ca).toBe(true);
  });

  it('issues a leaf for the given names that verifies against the root', () => {
    const leaf = issueCertificate(ca, ['app-shop.localhost', 'www-shop.localhost']);
    const cert = new crypto.X509Certificate(leaf.certPem);
    expect(cert.verify(new crypto.X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(cert.checkHost('www-shop.localhost')).toBe('www-shop.localhost');
    expect(cert.checkHost('other.localhost')).toBeUndefined();
    expect(cert.checkPrivateKey(crypto.createPrivateKey(leaf.keyPem))).toBe(true);
  });
});
