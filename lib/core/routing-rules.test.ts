import { describe, expect, it } from 'vitest';
import { forbiddenDomain, normalizePath, overlappingRoute, reservedDomain, reservedPublicPort } from './routing-rules';

describe('reservedDomain', () => {
  it('refuses BERTH_DOMAIN itself and every name under it', () => {
    expect(reservedDomain('localhost', 'localhost')?.field).toBe('domain');
    expect(reservedDomain('app-other.localhost', 'localhost')?.message).toMatch(/Berth's subdomains/);
    expect(reservedDomain('a.b.apps.example.com', 'Apps.Example.com')).toBeDefined();
  });

  it('allows names that only end with the same letters', () => {
    expect(reservedDomain('mylocalhost.dev', 'localhost')).toBeUndefined();
    expect(reservedDomain('shop.example.com', 'localhost')).toBeUndefined();
  });
});

describe('forbiddenDomain', () => {
  const opts = { berthDomain: 'apps.example.org', dashboardHosts: ['berth.example.org', 'Admin.Example.org:3000', undefined] };
  it('refuses IP literals, localhost forms, the dashboard host and Berth subdomains', () => {
    for (const name of ['10.0.0.1', '127.0.0.1', '169.254.169.254', '0x7f000001']) expect(forbiddenDomain(name, opts)?.message, name).toMatch(/IP address/);
    for (const name of ['localhost', 'app.localhost', 'localhost.localdomain', 'ip6-localhost']) expect(forbiddenDomain(name, opts)?.message, name).toMatch(/local name/);
    expect(forbiddenDomain('berth.example.org', opts)?.message).toMatch(/dashboard's own host/);
    expect(forbiddenDomain('admin.example.org', opts)?.message).toMatch(/dashboard's own host/);
    expect(forbiddenDomain('x.apps.example.org', opts)?.message).toMatch(/Berth's subdomains/);
  });
  it('allows other names', () => {
    expect(forbiddenDomain('shop.example.org', opts)).toBeUndefined();
    expect(forbiddenDomain('localhost-shop.dev', opts)).toBeUndefined();
    expect(forbiddenDomain('1password.example', opts)).toBeUndefined();
  });
});

describe('overlappingRoute', () => {
  it('treats a trailing slash as the same prefix', () => {
    expect(normalizePath('/api/')).toBe('/api');
    expect(normalizePath('/')).toBe('/');
    expect(normalizePath('//')).toBe('/');
    expect(overlappingRoute('/api/', ['/', '/api'])).toEqual({ field: 'path', message: '/api overlaps an existing route of this domain' });
    expect(overlappingRoute('/', ['/'])).toBeDefined();
  });

  it('allows a different prefix on the same domain', () => {
    expect(overlappingRoute('/api', ['/', '/apiv2'])).toBeUndefined();
  });
});

describe('reservedPublicPort', () => {
  const reserved = { coreHttp: 10080, coreHttps: 10443, coreLog: 10514 };
  it("refuses the core's own ports (balancer and logger) and nothing else", () => {
    expect(reservedPublicPort(10514, reserved)?.message).toMatch(/logger's port/);
    expect(reservedPublicPort(10080, reserved)?.message).toMatch(/HTTP port/);
    expect(reservedPublicPort(10443, reserved)?.message).toMatch(/HTTPS port/);
    expect(reservedPublicPort(15432, reserved)).toBeUndefined();
  });
});
