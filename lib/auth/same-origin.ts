import { env } from '@/lib/env';

/**
 * Cookie-authenticated writes must come from the dashboard's own origin: a page on a sibling
 * origin (a tenant's app under BERTH_DOMAIN is "same-site") must not be able to post with the
 * user's session. Browsers send Sec-Fetch-Site and Origin on every write; a request with neither
 * does not come from a browser page and is refused too (API clients send a bearer token instead).
 */
export function crossSiteWrite(headers: Headers): string | undefined {
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return `the request comes from another site (Sec-Fetch-Site: ${site})`;
  const origin = headers.get('origin');
  if (origin) return ownOrigins(headers).includes(origin.toLowerCase()) ? undefined : `the request comes from ${origin}, not from the dashboard`;
  return site ? undefined : 'the request carries neither Origin nor Sec-Fetch-Site';
}

/** The dashboard's origins: NEXTAUTH_URL's, and the host this request was sent to. */
function ownOrigins(headers: Headers): string[] {
  const out: string[] = [];
  if (env.NEXTAUTH_URL) out.push(new URL(env.NEXTAUTH_URL).origin.toLowerCase());
  const host = headers.get('host')?.toLowerCase();
  if (host) out.push(`http://${host}`, `https://${host}`);
  return out;
}

export const isWriteMethod = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
