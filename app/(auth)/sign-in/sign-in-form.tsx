'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { signInWithPassword } from '@/lib/auth/client';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { signInErrorMessage } from '@/lib/auth/messages';
import { checkSignInAction } from './actions';

export function SignInForm({ callbackUrl, created }: { callbackUrl: string; created: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    const checked = await checkSignInAction({}, form);
    if (!checked.ok) {
      setPending(false);
      setFieldErrors(checked.fieldErrors ?? {});
      setError(checked.fieldErrors ? undefined : checked.error);
      return;
    }
    setFieldErrors({});
    setError(undefined);
    const failure = await signInWithPassword(String(form.get('email')), String(form.get('password')));
    if (failure) {
      setPending(false);
      setError(signInErrorMessage(failure));
      return;
    }
    router.replace(safeCallbackUrl(callbackUrl));
    router.refresh();
  }

  return (
    <Card>
      <h1 className="text-xl font-semibold">Sign in</h1>
      <form method="post" onSubmit={onSubmit} className="mt-5 space-y-4" noValidate>
        {created && !error && <Alert tone="info">Admin created. Sign in with your new account.</Alert>}
        {error && <Alert>{error}</Alert>}
        <Field label="Email" name="email" type="email" autoComplete="email" errors={fieldErrors.email} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" errors={fieldErrors.password} />
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </Card>
  );
}
