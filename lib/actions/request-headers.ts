import 'server-only';
import { env } from '@/lib/env';

declare global {
  var berthTestRequestHeaders: Headers | undefined;
}

/** Tests only (NODE_ENV=test): the request headers server actions see when called without a request. */
export function setTestRequestHeaders(headers: Headers | undefined): void {
  if (env.NODE_ENV !== 'test') throw new Error('setTestRequestHeaders is for tests only');
  globalThis.berthTestRequestHeaders = headers;
}

/** The headers of the request a server action runs for (undefined outside a request, e.g. in tests). */
export async function requestHeaders(): Promise<Headers | undefined> {
  if (env.NODE_ENV === 'test' && globalThis.berthTestRequestHeaders) return globalThis.berthTestRequestHeaders;
  try {
    const { headers } = await import('next/headers');
    return new Headers(await headers());
  } catch {
    return undefined;
  }
}
