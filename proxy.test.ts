import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS, proxy } from './proxy';

const req = (path: string, init: { cookie?: string; authorization?: string } = {}) => {
  const headers = new Headers();
  if (init.cookie) headers.set('cookie', init.cookie);
  if (init.authorization) headers.set('authorization', init.authorization);
  return new NextRequest(new URL(path, 'http://127.0.0.1:3000'), { headers });
};

describe('proxy (optimistic auth check)', () => {
  it('sends a signed-out visitor of a dashboard page to sign-in with the page as callbackUrl', () => {
    const res = proxy(req('/projects/abc?tab=env'));
    expect(res.status).toBe(307);
    const to = new URL(res.headers.get('location') ?? '');
    expect(to.pathname).toBe('/sign-in');
    expect(to.searchParams.get('callbackUrl')).toBe('/projects/abc?tab=env');
  });

  it('answers /api/v1 without a session or bearer with 401 JSON', async () => {
    const res = proxy(req('/api/v1/projects'));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
  });

  it('lets through requests with a session cookie (also chunked) or a bearer token; the handlers check them', () => {
    for (const r of [
      req('/projects', { cookie: 'next-auth.session-token=x' }),
      req('/projects', { cookie: '__Secure-next-auth.session-token.0=x' }),
      req('/api/v1/projects', { cookie: 'next-auth.session-token=x' }),
      req('/api/v1/projects', { authorization: 'Bearer berth_abc' }),
      req('/api/v1/projects', { authorization: 'bearer berth_abc' }),
    ]) {
      expect(proxy(r).headers.get('x-middleware-next')).toBe('1');
    }
  });

  it('keeps sign-in, setup, next-auth, health and the OpenAPI document public, and nothing that only starts like them', () => {
    for (const p of ['/sign-in', '/setup', '/api/auth/session', '/api/auth/callback/credentials', '/api/health', '/api/v1/openapi.json']) {
      expect(proxy(req(p)).headers.get('x-middleware-next')).toBe('1');
    }
    expect(proxy(req('/setup-evil')).status).toBe(307);
    expect(proxy(req('/api/healthz')).status).toBe(401);
    expect(proxy(req('/api/v1/projects', { authorization: 'Basic abc' })).status).toBe(401);
    expect(proxy(req('/projects', { cookie: 'other=x' })).status).toBe(307);
  });

  it('sends frame-ancestors none and the usual security headers on pages, redirects and API answers', () => {
    for (const r of [req('/projects', { cookie: 'next-auth.session-token=x' }), req('/projects'), req('/api/v1/projects'), req('/sign-in')]) {
      const res = proxy(r);
      expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(k)).toBe(v);
    }
  });
});
