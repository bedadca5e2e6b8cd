import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress, setClientAddress, trustedProxies } from './client-address';

describe('client address', () => {
  const none = trustedProxies(undefined);
  const proxies = trustedProxies('10.0.0.0/8, 192.168.1.5');

  it('is the socket address unless the socket is a trusted proxy', () => {
    expect(clientAddress('203.0.113.9', '1.2.3.4', none)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:127.0.0.1', '1.2.3.4', none)).toBe('127.0.0.1');
    expect(clientAddress('10.1.2.3', '1.2.3.4, 198.51.100.7', proxies)).toBe('198.51.100.7');
    // A client that prepends a made-up address behind a trusted proxy chain still gets its own.
    expect(clientAddress('10.1.2.3', '6.6.6.6, 198.51.100.7, 192.168.1.5', proxies)).toBe('198.51.100.7');
    expect(() => trustedProxies('not-an-ip')).toThrow(/BERTH_TRUSTED_PROXIES/);
  });

  let server: http.Server | undefined;
  afterEach(() => server?.close());

  it('a spoofed X-Forwarded-For sent straight to the server is replaced by the socket address', async () => {
    server = http.createServer((req, res) => {
      setClientAddress(req, none);
      res.end(JSON.stringify({ xff: req.headers['x-forwarded-for'], real: req.headers['x-real-ip'] ?? null }));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '7.7.7.7' } });
    expect(await res.json()).toEqual({ xff: '127.0.0.1', real: null });
  });
});
