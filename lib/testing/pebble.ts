import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureCa, issueCertificate } from '@/lib/core/ca';
import { waitFor } from './wait';

/**
 * A real ACME CA for tests: Debian's `pebble` (RFC 8555 test server) with `pebble-challtestsrv` as
 * its DNS server, which answers every name with 127.0.0.1. Pebble validates HTTP-01 by connecting
 * to 127.0.0.1:`httpPort` with the domain as Host, that is through Berth's edge. Loopback only.
 */
export interface Pebble {
  directoryUrl: string;
  /** Trust for pebble's own HTTPS listener (a throwaway CA made here). */
  listenerCaPem: string;
  /** The root that pebble's issued chains lead to (random per start). */
  issuingRoot(): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function get(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, timeout: 3000, agent: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

export function pebbleInstalled(): boolean {
  return fs.existsSync('/usr/bin/pebble') && fs.existsSync('/usr/bin/pebble-challtestsrv');
}

export async function startPebble(opts: { httpPort: number }): Promise<Pebble> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-pebble-'));
  const listenerCa = ensureCa(path.join(dir, 'ca'));
  const listener = issueCertificate(listenerCa, ['localhost']);
  fs.writeFileSync(path.join(dir, 'cert.pem'), listener.certPem);
  fs.writeFileSync(path.join(dir, 'key.pem'), listener.keyPem, { mode: 0o600 });
  const [acmePort, mgmtPort, dnsPort, challMgmtPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const config = {
    pebble: {
      listenAddress: `127.0.0.1:${acmePort}`,
      managementListenAddress: `127.0.0.1:${mgmtPort}`,
      certificate: path.join(dir, 'cert.pem'),
      privateKey: path.join(dir, 'key.pem'),
      httpPort: opts.httpPort,
      tlsPort: 1,
      ocspResponderURL: '',
      externalAccountBindingRequired: false,
    },
  };
  fs.writeFileSync(path.join(dir, 'pebble.json'), JSON.stringify(config));
  const children: ChildProcess[] = [];
  const output: string[] = [];
  const run = (cmd: string, args: string[], extraEnv: Record<string, string> = {}) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (b: Buffer) => output.push(...b.toString().split('\n').filter(Boolean).slice(-50));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    children.push(child);
  };
  run('/usr/bin/pebble-challtestsrv', [
    '-defaultIPv4', '127.0.0.1', '-defaultIPv6', '',
    '-dns01', `127.0.0.1:${dnsPort}`, '-management', `127.0.0.1:${challMgmtPort}`,
    '-http01', '', '-https01', '', '-tlsalpn01', '', 
  ]);
  run('/usr/bin/pebble', ['-config', path.join(dir, 'pebble.json'), '-dnsserver', `127.0.0.1:${dnsPort}`], {
    PEBBLE_VA_NOSLEEP: '1',
    PEBBLE_WFE_NONCEREJECT: '0',
  });
  const directoryUrl = `https://localhost:${acmePort}/dir`;
  const stop = async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor('pebble to serve its directory', async () => (await get(directoryUrl, listenerCa.certPem).catch(() => undefined))?.status === 200, 20_000, 100);
  } catch (err) {
    await stop();
    throw new Error(`${String(err)}\n${output.slice(-20).join('\n')}`);
  }
  return {
    directoryUrl,
    listenerCaPem: listenerCa.certPem,
    issuingRoot: async () => (await get(`https://localhost:${mgmtPort}/roots/0`, listenerCa.certPem)).body,
    stop,
  };
}
