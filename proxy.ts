import { NextResponse, type NextRequest } from 'next/server';

/**
 * Optimistic check only (STYLE rule 8): signed-out visitors of dashboard pages go to sign-in, and
 * /api/v1 requests with neither a session cookie nor a bearer token get 401 JSON. Every page,
 * action and route handler still checks the session (and project access) itself.
 */
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];
const PUBLIC_PREFIXES = ['/sign-in', '/setup', '/api/auth', '/api/health', '/_next', '/favicon'];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(p + '/') || pathname.startsWith(p))) {
    return NextResponse.next();
  }
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (pathname.startsWith('/api/')) {
    const bearer = request.headers.get('authorization')?.startsWith('Bearer ');
    if (hasSession || bearer || pathname === '/api/v1/openapi.json') return NextResponse.next();
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
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)'],
};
