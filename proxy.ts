import { NextResponse, type NextRequest } from 'next/server';

/**
 * Optimistic check only: signed-out visitors of dashboard pages go to sign-in, and
 * /api/v1 requests with neither a session cookie nor a bearer token get 401 JSON. Every page,
 * action and route handler still checks the session (and project access) itself.
 */
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];
/** Paths anyone may reach: each is the path itself or a sub-path of it. */
const PUBLIC_PATHS = ['/sign-in', '/setup', '/api/auth', '/api/health', '/api/v1/openapi.json', '/_next'];
const isPublic = (pathname: string) => PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(p + '/'));

/** On every response: no framing (clickjacking), no MIME sniffing, no referrer leaks to other sites. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export function proxy(request: NextRequest): NextResponse {
  const res = route(request);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.headers.set(k, v);
  return res;
}

function route(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (isPublic(pathname)) return NextResponse.next();
  // next-auth splits a large session token into `<name>.0`, `<name>.1`, …
  const hasSession = request.cookies
    .getAll()
    .some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(name + '.')));
  if (pathname.startsWith('/api/')) {
    const bearer = /^bearer\s+\S/i.test(request.headers.get('authorization') ?? '');
    if (hasSession || bearer) return NextResponse.next();
    return NextResponse.json(
      { error: { code: 'UNAUTHORIZED', message: 'Sign in or send an API token (Authorization: Bearer …)' } },
      { status: 401 },
    );
  }
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = '/sign-in';
  url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Not on backup uploads: the proxy would buffer (and cut at 10 MB) the body; the route authenticates itself.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*/backups/upload$|.*\\.(?:png|svg|ico|css|js|webmanifest)$).*)'],
};
