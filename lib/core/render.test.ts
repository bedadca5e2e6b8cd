import { describe, expect, it } from 'vitest';
import { firewallRules, renderBalancer, renderEdge, subdomainHost } from './render';

describe('renderBalancer', () => {
  const config = renderBalancer({
    addresses: ['127.0.100.2'],
    httpPort: 10080,
    routes: [
      { host: 'app-shop.localhost', upstreams: ['172.18.0.2:3000', '172.18.0.3:3000'] },
      { host: 'empty-shop.localhost', upstreams: [] },
    ],
    streams: [
      { port: 15432, protocol: 'tcp', upstreams: ['172.18.0.4:5432'], firewall: { policy: 'allow', ranges: ['127.0.0.2'] } },
      { port: 15353, protocol: 'udp', upstreams: ['172.18.0.5:5353'] },
    ],
  });

  it('binds only the project address, with reuseport on the default server', () => {
    expect(config).toContain('listen 127.0.100.2:10080 reuseport default_server;');
    expect(config).not.toMatch(/listen (0\.0\.0\.0|\*|\[::\])/);
  });

  it('routes each host to its containers and skips a route with none', () => {
    expect(config).toContain('server 172.18.0.2:3000');
    expect(config).toContain('server_name app-shop.localhost;');
    expect(config).not.toContain('empty-shop');
  });

  it('renders TCP and UDP public ports with their firewall', () => {
    expect(config).toContain('listen 127.0.100.2:15432 reuseport; allow 127.0.0.2; deny all;');
    expect(config).toContain('listen 127.0.100.2:15353 udp reuseport;');
  });
});

describe('firewallRules', () => {
  it('ends an allow-list with deny all and a deny-list with allow all', () => {
    expect(firewallRules({ policy: 'allow', ranges: ['10.0.0.0/8'] })).toBe('allow 10.0.0.0/8; deny all;');
    expect(firewallRules({ policy: 'deny', ranges: ['1.2.3.4'] })).toBe('deny 1.2.3.4; allow all;');
    expect(firewallRules({ policy: 'none', ranges: ['1.2.3.4'] })).toBe('');
  });
});

describe('renderEdge', () => {
  it('maps host names to project addresses and nothing else', () => {
    const edge = renderEdge({ listen: '0.0.0.0', httpPort: 18080, hosts: { 'app-a.localhost': '127.0.100.2' }, projectHttpPort: 10080 });
    expect(edge).toContain('app-a.localhost "127.0.100.2";');
    expect(edge).toContain('proxy_pass http://$berth_project:10080;');
    expect(edge).not.toContain('ssl_certificate');
  });

  it('names subdomains <hostname>-<slug>.<domain>', () => {
    expect(subdomainHost('app', 'my-shop', 'localhost')).toBe('app-my-shop.localhost');
  });
});

describe('renderBalancer paths', () => {
  it('routes a path prefix by whole segments, next to the root route of the same host', () => {
    const config = renderBalancer({
      addresses: ['127.0.100.2'],
      httpPort: 10080,
      routes: [
        { host: 'shop.example.com', upstreams: ['172.18.0.2:3000'] },
        { host: 'shop.example.com', path: '/api', upstreams: ['172.18.0.3:8080'], firewall: { policy: 'allow', ranges: ['10.0.0.0/8'] } },
      ],
    });
    expect(config.match(/server_name shop\.example\.com;/g)).toHaveLength(1);
    expect(config).toContain('location / {  proxy_pass http://route_0; }');
    expect(config).toContain('location = /api { allow 10.0.0.0/8; deny all; proxy_pass http://route_1; }');
    expect(config).toContain('location /api/ { allow 10.0.0.0/8; deny all; proxy_pass http://route_1; }');
  });
});

describe('renderBalancer certificates', () => {
  const config = renderBalancer({
    addresses: ['127.0.100.2'],
    httpPort: 10080,
    httpsPort: 10443,
    routes: [
      { host: 'app-shop.localhost', upstreams: ['172.18.0.2:3000'] },
      { host: 'shop.example.dev', upstreams: ['172.18.0.2:3000'] },
    ],
    hostCerts: ['shop.example.dev'],
  });

  it("serves a domain's own certificate where it has one and the project's elsewhere", () => {
    expect(config).toContain('ssl_certificate /etc/berth/tls.crt;');
    expect(config).toMatch(/server_name shop\.example\.dev; ssl_certificate \/etc\/berth\/certs\/shop\.example\.dev\.crt; ssl_certificate_key \/etc\/berth\/certs\/shop\.example\.dev\.key;/);
    expect(config).not.toMatch(/server_name app-shop\.localhost; ssl_certificate/);
  });

  it('answers ACME HTTP-01 challenges on plain HTTP from files in the balancer', () => {
    expect(config).toMatch(/listen 127\.0\.100\.2:10080; server_name shop\.example\.dev; location \^~ \/\.well-known\/acme-challenge\/ \{ root \/etc\/berth\/acme;/);
  });
});

describe('HTTP behaviour users expect', () => {
  const balancer = renderBalancer({ addresses: ['127.0.100.2'], httpPort: 10080, routes: [{ host: 'a.localhost', upstreams: ['172.18.0.2:3000'] }] });
  const edge = renderEdge({ listen: '0.0.0.0', httpPort: 80, hosts: { 'a.localhost': '127.0.100.2' }, projectHttpPort: 10080 });

  it('passes WebSocket upgrades through the edge and the balancer, and keeps upstream keepalive otherwise', () => {
    for (const config of [balancer, edge]) {
      expect(config).toContain('map $http_upgrade $connection_upgrade { default upgrade; "" ""; }');
      expect(config).toContain('proxy_set_header Upgrade $http_upgrade;');
      expect(config).toContain('proxy_set_header Connection $connection_upgrade;');
      expect(config).not.toContain('proxy_set_header Connection "";');
    }
  });

  it('accepts uploads up to 512 MB at the balancer (Zerops’ default) and lets the edge stream them', () => {
    expect(balancer).toContain('client_max_body_size 512m;');
    expect(edge).toContain('client_max_body_size 0;');
    expect(edge).toContain('proxy_request_buffering off;');
  });
});

describe('IPv6', () => {
  const config = renderBalancer({
    addresses: ['127.0.100.2', 'fd42:b1:1::2'],
    httpPort: 10080,
    httpsPort: 10443,
    routes: [{ host: 'app-shop.localhost', upstreams: ['172.18.0.2:3000'], firewall: { policy: 'deny', ranges: ['fd42:b1:1::/120'] } }],
    streams: [{ port: 15353, protocol: 'udp', upstreams: ['172.18.0.5:5353'], firewall: { policy: 'allow', ranges: ['fd42:b1:1::10', '10.0.0.0/8'] } }],
  });

  it('listens on both project addresses, each with its own reuseport default server', () => {
    expect(config).toContain('listen 127.0.100.2:10080 reuseport default_server; listen [fd42:b1:1::2]:10080 reuseport default_server;');
    expect(config).toContain('listen 127.0.100.2:10443 ssl proxy_protocol reuseport default_server; listen [fd42:b1:1::2]:10443 ssl proxy_protocol reuseport default_server;');
    expect(config).toContain('listen 127.0.100.2:10080; listen [fd42:b1:1::2]:10080; server_name app-shop.localhost;');
    expect(config).toContain('listen 127.0.100.2:15353 udp reuseport; listen [fd42:b1:1::2]:15353 udp reuseport; allow fd42:b1:1::10; allow 10.0.0.0/8; deny all;');
    expect(config).toContain('deny fd42:b1:1::/120; allow all;');
    expect(config).toContain('set_real_ip_from ::1;');
  });

  it('serves an IPv6-only project on its IPv6 address alone', () => {
    const v6 = renderBalancer({ addresses: ['fd42:b1:1::3'], httpPort: 10080, routes: [] });
    expect(v6).toContain('listen [fd42:b1:1::3]:10080 reuseport default_server;');
    expect(v6).not.toMatch(/listen \d/);
  });

  it('lets the edge listen on IPv6 too and reach an IPv6-only project from the IPv6 loopback', () => {
    const edge = renderEdge({
      listen: '0.0.0.0',
      listen6: '::',
      httpPort: 18080,
      httpsPort: 18443,
      projectHttpsPort: 10443,
      hosts: { 'a.localhost': '127.0.100.2', 'b.localhost': 'fd42:b1:1::3' },
      projectHttpPort: 10080,
    });
    expect(edge).toContain('listen 0.0.0.0:18080 reuseport default_server; listen [::]:18080 ipv6only=on reuseport default_server;');
    expect(edge).toContain('listen 0.0.0.0:18443 reuseport; listen [::]:18443 ipv6only=on reuseport;');
    expect(edge).toContain('a.localhost "127.0.100.2"; b.localhost "[fd42:b1:1::3]";');
    expect(edge).toContain('map $host $berth_bind { default 127.0.0.254; b.localhost ::1; }');
    expect(edge).toContain('map $ssl_preread_server_name $berth_tls_bind { default 127.0.0.254; b.localhost ::1; }');
    expect(edge).toContain('proxy_pass $berth_tls:10443;');
  });
});
