/** Sign-in messages, shared by the server check and the form (no server code here). */

/** The same for an unknown email, a wrong password and a disabled account: no detail leaks. */
export const BAD_CREDENTIALS = 'Email or password is incorrect';

const TOO_MANY_PREFIX = 'Too many failed sign-in attempts.';

export function tooManyAttempts(waitMs: number): string {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return `${TOO_MANY_PREFIX} Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/** What the form shows for next-auth's `error`: one of ours, or the generic message. */
export function signInErrorMessage(error: string | null | undefined): string {
  return error && error.startsWith(TOO_MANY_PREFIX) ? error : BAD_CREDENTIALS;
}
