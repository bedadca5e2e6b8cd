/**
 * Where to go after signing in: only a path on this site. `//evil.example`, `/\evil.example`,
 * absolute URLs and anything odd fall back to the projects page (no open redirect).
 */
export function safeCallbackUrl(value: string | undefined | null, fallback = '/projects'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || /[\\\s]/.test(value)) return fallback;
  try {
    const url = new URL(value, 'http://berth.invalid');
    if (url.origin !== 'http://berth.invalid') return fallback;
    if (url.pathname === '/sign-in' || url.pathname === '/setup') return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
