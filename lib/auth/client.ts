/**
 * Sign-in and sign-out from the browser against next-auth's own endpoints, without its React
 * client (which would ship a session provider to every page; the session is read on the server).
 * Both fetch the CSRF token next-auth requires, then post the form it expects with `json: true`,
 * so next-auth answers with JSON instead of a redirect.
 */
async function csrfToken(): Promise<string> {
  const res = await fetch('/api/auth/csrf', { cache: 'no-store' });
  const body = (await res.json()) as { csrfToken?: unknown };
  if (typeof body.csrfToken !== 'string') throw new Error('no CSRF token');
  return body.csrfToken;
}

async function post(path: string, fields: Record<string, string>): Promise<{ url?: string }> {
  const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), callbackUrl: window.location.href, json: 'true' });
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  return (await res.json()) as { url?: string };
}

/** Signs in with email and password; resolves to next-auth's error code, or undefined on success. */
export async function signInWithPassword(email: string, password: string): Promise<string | undefined> {
  try {
    const { url } = await post('/api/auth/callback/credentials', { email, password });
    if (!url) return 'CredentialsSignin';
    return new URL(url, window.location.href).searchParams.get('error') ?? undefined;
  } catch {
    return 'Network';
  }
}

/** Ends the session cookie. */
export async function signOutSession(): Promise<void> {
  await post('/api/auth/signout', {});
}
