import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { ensureCa, issueCertificate, signedBy, type Pem } from './ca';

describe('internal CA', { timeout: 60_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-ca-'));
  const ca = ensureCa(dir, 'localhost');

  it('creates the root once and keeps its key private', () => {
    expect(ensureCa(dir, 'localhost').certPem).toBe(ca.certPem);
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

  /** A TLS handshake to a server holding `leaf`, trusting only the root: undefined when trusted, else OpenSSL's error code. */
  async function handshake(leaf: Pem, servername: string): Promise<string | undefined> {
    const server = tls.createServer({ key: leaf.keyPem, cert: leaf.certPem }, (s) => s.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      return await new Promise<string | undefined>((resolve) => {
        const socket = tls.connect({ host: '127.0.0.1', port, servername, ca: ca.certPem }, () => {
          socket.end();
          resolve(undefined);
        });
        socket.on('error', (err: NodeJS.ErrnoException) => resolve(`${err.code ?? ''} ${err.message}`));
      });
    } finally {
      server.close();
    }
  }

  it('the root vouches only for names under BERTH_DOMAIN: a leaf for any other name is refused by TLS clients', async () => {
    expect(await handshake(issueCertificate(ca, ['app-shop.localhost']), 'app-shop.localhost')).toBeUndefined();
    expect(await handshake(issueCertificate(ca, ['www.bank.example']), 'www.bank.example')).toMatch(/PERMITTED_VIOLATION|permitted/i);
    expect(await handshake(issueCertificate(ca, ['app-shop.localhost', 'evil.example']), 'app-shop.localhost')).toMatch(/PERMITTED_VIOLATION|permitted/i);
  });

  it('a root made for another domain (or before constraints) is replaced, and its leaves no longer count as signed by it', () => {
    const leaf = issueCertificate(ca, ['app-shop.localhost']);
    const other = ensureCa(dir, 'apps.example.org');
    expect(other.certPem).not.toBe(ca.certPem);
    expect(signedBy(leaf.certPem, ca)).toBe(true);
    expect(signedBy(leaf.certPem, other)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => /^root-.*\.crt$/.test(f))).toHaveLength(1);
  });
});
