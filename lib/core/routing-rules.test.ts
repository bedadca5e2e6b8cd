import { describe, expect, it } from 'vitest';
import { normalizePath, overlappingRoute, reservedDomain, reservedPublicPort } from './routing-rules';

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
  const reserved = { coreHttp: 10080, coreHttps: 10443 };
  it("refuses the balancer's own ports and nothing else", () => {
    expect(reservedPublicPort(10080, reserved)?.message).toMatch(/HTTP port/);
    expect(reservedPublicPort(10443, reserved)?.message).toMatch(/HTTPS port/);
    expect(reservedPublicPort(15432, reserved)).toBeUndefined();
  });
});
