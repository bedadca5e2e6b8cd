import { describe, expect, it } from 'vitest';
import { ACME_RETRY_MS, RENEW_BEFORE_MS, isPublicDomain, planCertificates, wantsAcme, type CertState } from './plan';

const now = new Date('2026-11-23T12:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const DAY = 86_400_000;
const internal = (hosts: string[], over: Partial<CertState> = {}): CertState => ({
  name: 'internal',
  hosts,
  issuer: 'internal',
  status: 'active',
  expiresAt: later(300 * DAY),
  attemptedAt: now,
  ...over,
});
const acme = (domain: string, over: Partial<CertState> = {}): CertState => ({
  name: domain,
  hosts: [domain],
  issuer: 'acme',
  status: 'active',
  expiresAt: later(80 * DAY),
  attemptedAt: now,
  ...over,
});

describe('wantsAcme', () => {
  it('needs an account e-mail and a public name', () => {
    expect(wantsAcme('shop.example.dev', true)).toBe(true);
    expect(wantsAcme('shop.example.dev', false)).toBe(false);
    for (const local of ['app-x.localhost', 'shop.test', 'a.local', 'x.internal', 'nas.home.arpa', 'www.example.com', '10.0.0.1']) {
      expect(isPublicDomain(local), local).toBe(false);
    }
  });
});

describe('planCertificates', () => {
  const hosts = ['app-shop.localhost', 'shop.example.dev'];

  it('issues internal certificates (subdomains apart from custom domains), and ACME for public custom domains when enabled', () => {
    const both = [
      { kind: 'issueInternal', name: 'internal', hosts: ['app-shop.localhost'] },
      { kind: 'issueInternal', name: 'internal-custom', hosts: ['shop.example.dev'] },
    ];
    expect(planCertificates({ hosts, customDomains: ['shop.example.dev'], acmeEnabled: true, existing: [], now })).toEqual([
      ...both,
      { kind: 'issueAcme', domain: 'shop.example.dev' },
    ]);
    expect(planCertificates({ hosts, customDomains: ['shop.example.dev'], acmeEnabled: false, existing: [], now })).toEqual(both);
  });

  const issued = (over: Partial<CertState> = {}) => [
    internal(['app-shop.localhost'], over),
    internal(['shop.example.dev'], { name: 'internal-custom', ...over }),
  ];

  it('keeps valid certificates, reissues on a name change and before expiry', () => {
    const existing = [...issued(), acme('shop.example.dev')];
    expect(planCertificates({ hosts, customDomains: ['shop.example.dev'], acmeEnabled: true, existing, now })).toEqual([]);
    expect(planCertificates({ hosts: [...hosts, 'api-shop.localhost'], customDomains: [], acmeEnabled: false, existing: [internal(hosts)], now })[0]).toMatchObject({ kind: 'issueInternal' });
    const soon = [...issued({ expiresAt: later(RENEW_BEFORE_MS - DAY) }), acme('shop.example.dev', { expiresAt: later(DAY) })];
    expect(planCertificates({ hosts, customDomains: ['shop.example.dev'], acmeEnabled: true, existing: soon, now }).map((a) => a.kind)).toEqual([
      'issueInternal',
      'issueInternal',
      'issueAcme',
    ]);
  });

  it('backs off after a failed ACME attempt, then tries again', () => {
    const failed = [...issued(), acme('shop.example.dev', { status: 'failed', expiresAt: null, attemptedAt: new Date(now.getTime() - 60_000) })];
    expect(planCertificates({ hosts, customDomains: ['shop.example.dev'], acmeEnabled: true, existing: failed, now })).toEqual([]);
    const retry = planCertificates({ hosts, customDomains: ['shop.example.dev'], acmeEnabled: true, existing: failed, now: later(ACME_RETRY_MS) });
    expect(retry).toEqual([{ kind: 'issueAcme', domain: 'shop.example.dev' }]);
  });

  it('removes certificates of names no longer routed', () => {
    const existing = [...issued(), acme('shop.example.dev')];
    expect(planCertificates({ hosts: [], customDomains: [], acmeEnabled: true, existing, now })).toEqual([
      { kind: 'remove', name: 'internal' },
      { kind: 'remove', name: 'internal-custom' },
      { kind: 'remove', name: 'shop.example.dev' },
    ]);
  });
});
